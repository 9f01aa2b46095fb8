import { Hono } from 'hono'
import { problem } from './problem'

/** Resolves when a dependency is usable; rejects with a message that says why not. */
export type ReadinessCheck = () => Promise<void>

// A probe that hangs is worse than one that fails: Kubernetes would wait out its own timeout.
const CHECK_TIMEOUT_MS = 2_000

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>
  /** True once shutdown began, so load balancers stop sending before the port closes. */
  isDraining?: () => boolean
}

/**
 * `GET /health` (liveness: the process answers, no dependencies consulted, so a database
 * outage never restarts pods) and `GET /ready` (every check passes).
 *
 * @example
 * app.route('/', healthRoutes({ checks: { database: () => sql`select 1`.then(() => {}) } }))
 */
export function healthRoutes({ checks, isDraining = () => false }: HealthOptions) {
  return new Hono()
    .get('/health', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      if (isDraining()) return problem(c, 'shutting_down', 'This process is shutting down.')
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => [name, await outcome(check)] as const),
      )
      const report = Object.fromEntries(results)
      if (results.every(([, result]) => result === 'ok')) {
        return c.json({ status: 'ready', checks: report })
      }
      return problem(c, 'not_ready', 'A dependency is not ready.', { checks: report })
    })
}

async function outcome(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    )
  })
  try {
    await Promise.race([check(), timeout])
    return 'ok'
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    clearTimeout(timer)
  }
}
