import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Scenario } from './scenarios'
import type { DataStores } from './services'
import { startShape, type Stack } from './shapes'

const READY_LIMIT_MS = 60_000
const JWT_SECRET = 'chaos-only-secret-chaos-only-secret-0000'

export interface Deployment {
  stack: Stack
  /** The deployment's database on the suite's PostgreSQL; none when embedded. */
  databaseUrl: string | undefined
  dataDir: string
  stop(): Promise<void>
}

export interface DeploymentNeeds {
  stores: DataStores
  /** A data directory with the demo shop seeded, for the embedded deployment. */
  embeddedDataDir: () => Promise<string>
  sinkUrl: string
  sendgridUrl: string
}

/**
 * The deployments the chosen scenarios run against, started on first use and shared by the
 * scenarios of the same shape and data stores that follow (each keeps to shipments and pings
 * of its own), then stopped after the last of them: starting a cluster costs a loaded
 * two-core machine many seconds.
 */
export function createDeployments(needs: DeploymentNeeds, order: Scenario[]) {
  const running = new Map<string, Promise<Deployment>>()
  const keyOf = (s: Scenario) => `${s.shape} ${s.stores}`
  return {
    use(scenario: Scenario): Promise<Deployment> {
      const key = keyOf(scenario)
      let deployment = running.get(key)
      if (!deployment) running.set(key, (deployment = deploy(scenario, needs)))
      return deployment
    },
    /** Stops the scenario's deployment when no later scenario needs it. */
    async done(scenario: Scenario) {
      const key = keyOf(scenario)
      const later = order.slice(order.indexOf(scenario) + 1).some((s) => keyOf(s) === key)
      if (later) return
      const deployment = running.get(key)
      running.delete(key)
      await (await deployment?.catch(() => undefined))?.stop()
    },
  }
}

async function deploy(scenario: Scenario, needs: DeploymentNeeds): Promise<Deployment> {
  const services = scenario.stores === 'services'
  const dataDir = services
    ? await mkdtemp(join(tmpdir(), 'dropmate-chaos-'))
    : await needs.embeddedDataDir()
  const name = `chaos_${randomBytes(4).toString('hex')}`
  const databaseUrl = services ? await needs.stores.database(name) : undefined
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ...(services && { REDIS_URL: needs.stores.redis.url, REDIS_KEY_PREFIX: `${name}:` }),
    AUTH_MODE: 'local',
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    SENDGRID_API_KEY: 'SG.chaos-only',
    SENDGRID_API_URL: needs.sendgridUrl,
    SHUTDOWN_TIMEOUT_MS: '2000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
  }
  const stack = await startShape(scenario.shape, env, needs.sinkUrl)
  const stop = async () => {
    await stack.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
  if (!(await stack.ready(READY_LIMIT_MS))) {
    const crashes = Object.values(stack.processes).flatMap((p) => p.crashes)
    await stop()
    throw new Error(`not ready within ${READY_LIMIT_MS / 1000} s ${crashes.join('\n')}`)
  }
  return { stack, databaseUrl, dataDir, stop }
}
