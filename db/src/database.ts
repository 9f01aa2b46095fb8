import type { Config } from '@dropmate/core'
import { createSql, type Sql } from './client'
import { EMBEDDED_POOL_MAX, startEmbeddedPostgres } from './embedded'
import { DATABASE_RETRY_AFTER_MS } from './connection-errors'
import { createReachability } from './reachability'

export interface DatabaseOptions {
  /** A postgres:// URL; without one, embedded PGlite in `dataDir` is used. */
  url?: string | undefined
  dataDir: string
  poolMax: number
  prepare: boolean
  /** Told when the server becomes unreachable and when it is back (not for embedded). */
  onReachableChange?: (reachable: boolean, reason: string) => void
}

export interface Database {
  sql: Sql
  /** Where clients connect; for embedded, a loopback port that lives as long as this. */
  url: string
  mode: 'postgres' | 'embedded'
  close(): Promise<void>
}

/** The database part of the parsed environment, as `openDatabase` takes it. */
export function databaseOptions(config: Config): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DATABASE_POOL_MAX,
    prepare: config.DATABASE_PREPARE,
  }
}

/**
 * Opens the process's database: the server at `url`, or embedded PGlite when there is
 * none. Callers see the same `sql` either way.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const reachability = createReachability({
      retryAfterMs: DATABASE_RETRY_AFTER_MS,
      onChange: options.onReachableChange,
    })
    const { url, poolMax, prepare } = options
    const sql = createSql({ url, poolMax, prepare, reachability })
    return { sql, url: options.url, mode: 'postgres', close: () => sql.end({ timeout: 5 }) }
  }
  const embedded = await startEmbeddedPostgres(options.dataDir)
  // Prepared statement names are per session, and every socket shares PGlite's one session.
  const sql = createSql({ url: embedded.url, poolMax: EMBEDDED_POOL_MAX, prepare: false })
  return {
    sql,
    url: embedded.url,
    mode: 'embedded',
    async close() {
      await sql.end({ timeout: 5 })
      await embedded.stop()
    },
  }
}
