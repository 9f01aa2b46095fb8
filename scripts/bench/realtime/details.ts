import type { machineLoad } from './cpu'
import type { Connected } from './sockets'

/** How the realtime run loads the gateway. */
export interface RealtimeShape {
  dispatcherSockets: number
  /** One socket per parcel in transit, one parcel per driver. */
  trackingSockets: number
  /** Fleet drivers pinging in turn: at `pingsPerSecond` each pings every drivers/rate s. */
  drivers: number
  pingsPerSecond: number
  warmupSeconds: number
  seconds: number
  /** How long positions may trail the last ping before the missing count as never delivered. */
  drainTimeoutMs: number
}

/** The realtime run's settings and what the rows have no column for, kept in results.json. */
export interface RealtimeDetails extends Omit<RealtimeShape, 'drainTimeoutMs'> {
  /** Where the pings went: the ingest function alone (with Redis) or the server itself. */
  pingsTo: 'ingest-locations' | 'server'
  /** The account whose token every dispatcher socket carries. */
  dispatcherAccount: string
  connected: Omit<Connected, 'tracked'> & { tracking: number }
  /** How long the server's broker took to deliver what earlier scenarios left. */
  brokerIdleAfterMs: number
  /** The pings themselves, answered by the ingest function before the broker carries them on. */
  pings: {
    sent: number
    statusCodes: Record<string, number>
    errors: number
    answerP50Ms: number
    answerP99Ms: number
  }
  dispatcher: Copies
  tracking: Copies
  /** Dispatcher sockets' p50 for the pings of each measured second, in ms. */
  dispatcherP50BySecond: number[]
  /** Sockets the gateway dropped during the run, by reason. */
  disconnects: Record<string, number>
  /** Cores each process kept busy while the pings were sent; `machine` is every process. */
  cores: Record<string, number>
  load: { before: ReturnType<typeof machineLoad>; after: ReturnType<typeof machineLoad> }
}

/** Copies of positions the sockets of one kind should have had, had, and had too many. */
export interface Copies {
  /** Each measured ping times the sockets that should get it. */
  expected: number
  /** Those that arrived, or whose driver's next position did (latest wins). */
  delivered: number
  /** Copies beyond the expected: a position sent twice, or to sockets that should not have it. */
  extra: number
}
