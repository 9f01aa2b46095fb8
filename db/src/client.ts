import postgres from 'postgres'

export type Sql = postgres.Sql
/** A client or an open transaction: what query functions take, so callers choose. */
export type Queryable = postgres.Sql | postgres.TransactionSql

export interface SqlOptions {
  url: string
  poolMax: number
  /** false behind transaction-mode poolers (DigitalOcean's PgBouncer) and pglite-socket. */
  prepare: boolean
}

/**
 * The one postgres.js client of a process. Columns come back camelCased, so rows read as
 * `shipment.trackingNumber` while SQL keeps its snake_case.
 *
 * @example
 * const sql = createSql({ url: process.env.DATABASE_URL!, poolMax: 5, prepare: true })
 * const [row] = await sql`select 1 as one`
 */
export function createSql({ url, poolMax, prepare }: SqlOptions): Sql {
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
  })
}
