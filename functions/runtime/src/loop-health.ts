import type { ReadinessCheck } from './health'

/** What a background loop tells readiness about itself. */
export interface LoopHealth {
  /** The loop did its work (a read, a pass over the outbox). */
  ok(): void
  /** The loop could not do its work and will try again; until it succeeds it is stalled. */
  failed(error: unknown): void
  /** Passes while the loop works; otherwise says why not and since when. */
  check: ReadinessCheck
}

/**
 * The health of one background loop (a Trigger's delivery loop, the outbox relay), for
 * `/ready` to consult: a process whose loops are stalled answers requests but does not do
 * its job. A loop is healthy until it fails, so a quiet loop is not mistaken for a stalled one.
 *
 * @example
 * const health = loopHealth()
 * healthRoutes({ checks: { 'outbox relay': health.check } })
 * try { await publish(); health.ok() } catch (error) { health.failed(error) }
 */
export function loopHealth(): LoopHealth {
  let trouble: { reason: string; since: Date } | undefined
  return {
    ok() {
      trouble = undefined
    },
    failed(error) {
      const reason = error instanceof Error ? error.message : String(error)
      trouble = { reason, since: trouble?.since ?? new Date() }
    },
    async check() {
      if (trouble) {
        throw new Error(`stalled since ${trouble.since.toISOString()}: ${trouble.reason}`)
      }
    },
  }
}
