import type { Cue, FaultCues } from './record'
import type { DataStores } from './services'
import type { ShapeName, Stack } from './shapes'

// How long PostgreSQL or Redis stays down: long enough for every part of the load to hit it.
const OUTAGE_MS = 3_000

export interface Scenario {
  name: string
  shape: ShapeName
  /** PostgreSQL and Redis of the suite's own, or embedded PGlite and the in-process broker. */
  stores: 'services' | 'embedded'
  fault: string
  /** Causes the fault and ends it (a restart begun): resolves at the fault's end. */
  inject(stack: Stack, stores: DataStores, cues: FaultCues): Promise<void>
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * `kill -9` of one process on its cue: just after the load was told a ping or change was
 * done, or while the broker waits on a subscriber. Under a fleet's steady load some such
 * work is always in flight, and what the process still held of it is what a kill tests.
 */
const kill =
  (role: string, cue: Cue) => async (stack: Stack, _stores: DataStores, cues: FaultCues) => {
    await cues.next(cue)
    await stack.processes[role]!.killAndRestart()
  }

/**
 * Stops every process as a deployment does (SIGTERM), takes a data store down, and starts
 * them while it is down: a rollout or node move during an outage.
 */
async function startWhileDown(
  stack: Stack,
  stop: () => Promise<void>,
  restart: () => Promise<void>,
) {
  const processes = Object.values(stack.processes)
  await Promise.all(processes.map((each) => each.terminate()))
  await stop()
  for (const each of processes) each.start()
  await pause(OUTAGE_MS)
  await restart()
}

// In the order they run: those of one deployment one after another, as they share it.
export const SCENARIOS: Scenario[] = [
  {
    name: 'server-kill',
    shape: 'one-process',
    stores: 'services',
    fault: 'kill -9 server',
    inject: kill('server', 'ping'),
  },
  {
    name: 'postgres-restart',
    shape: 'one-process',
    stores: 'services',
    fault: `PostgreSQL stopped (immediate) ${OUTAGE_MS / 1000} s`,
    async inject(_stack, stores) {
      await stores.postgres.stopImmediately()
      await pause(OUTAGE_MS)
      await stores.postgres.restart()
    },
  },
  {
    name: 'redis-restart',
    shape: 'one-process',
    stores: 'services',
    fault: `Redis killed ${OUTAGE_MS / 1000} s`,
    async inject(_stack, stores) {
      await stores.redis.crash()
      await pause(OUTAGE_MS)
      await stores.redis.restart()
    },
  },
  {
    name: 'start-without-postgres',
    shape: 'one-process',
    stores: 'services',
    fault: `server started while PostgreSQL down ${OUTAGE_MS / 1000} s`,
    inject: (stack, { postgres }) =>
      startWhileDown(stack, postgres.stopImmediately, postgres.restart),
  },
  {
    name: 'start-without-redis',
    shape: 'one-process',
    stores: 'services',
    fault: `server started while Redis down ${OUTAGE_MS / 1000} s`,
    inject: (stack, { redis }) => startWhileDown(stack, redis.crash, redis.restart),
  },
  {
    name: 'embedded-kill',
    shape: 'one-process',
    stores: 'embedded',
    fault: 'kill -9 server (embedded)',
    inject: kill('server', 'ping'),
  },
  {
    name: 'ingest-kill',
    shape: 'cluster',
    stores: 'services',
    fault: 'kill -9 ingest function',
    inject: kill('ingest', 'ping'),
  },
  {
    name: 'dispatcher-kill',
    shape: 'cluster',
    stores: 'services',
    fault: 'kill -9 broker dispatcher mid-delivery',
    inject: kill('dispatcher', 'delivery'),
  },
  {
    name: 'gateway-kill',
    shape: 'cluster',
    stores: 'services',
    fault: 'kill -9 realtime gateway',
    inject: kill('gateway', 'change'),
  },
]
