import postgres from 'postgres'
import { guardedSocket } from './guarded-socket'
import type { Reachability } from './reachability'

export type Sql = postgres.Sql
/** A client or an open transaction: what query functions take, so callers choose. */
export type Queryable = postgres.Sql | postgres.TransactionSql

export interface SqlOptions {
  url: string
  poolMax: number
  /** false behind transaction-mode poolers (DigitalOcean's PgBouncer) and pglite-socket. */
  prepare: boolean
  /**
   * Fail fast while the server is unreachable: connections go through this, and queries that
   * need a new one during an outage are refused at once instead of waiting.
   */
  reachability?: Reachability
}

// A TCP connect within the same region takes milliseconds; a server that has not answered in
// this long is treated as down, so requests get their 503 while a client still waits for it.
const TCP_CONNECT_TIMEOUT_MS = 2_000

/**
 * The one postgres.js client of a process. Columns come back camelCased, so rows read as
 * `shipment.trackingNumber` while SQL keeps its snake_case.
 *
 * @example
 * const sql = createSql({ url: process.env.DATABASE_URL!, poolMax: 5, prepare: true })
 * const [row] = await sql`select 1 as one`
 */
export function createSql({ url, poolMax, prepare, reachability }: SqlOptions): Sql {
  return postgres(url, {
    max: poolMax,
    prepare,
    transform: postgres.camel,
    // Managed Postgres closes idle connections on its own schedule; recycle ours first.
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    connect_timeout: 10,
    connection: { application_name: process.env.K_SERVICE ?? 'dropmate' },
    onnotice: () => {},
    // `socket` is in postgres.js's README ("Custom socket") but not in its types.
    ...(reachability && {
      socket: guardedSocket(reachability, TCP_CONNECT_TIMEOUT_MS),
      // The pool's own backoff holds each query up to 20 s before it even tries to connect;
      // reachability paces the tries instead, one probe per interval.
      backoff: () => 0,
    }),
  })
}
