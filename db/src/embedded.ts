import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { join } from 'node:path'
import { lockDataDir } from './data-dir-lock'

export interface EmbeddedPostgres {
  url: string
  stop(): Promise<void>
}

/**
 * The pool size to use against embedded Postgres: one. Every connection shares PGlite's one
 * session, so more connections only queue, and two connections sending unnamed statements
 * at once interleave their parse and bind messages in that session ("bind message supplies
 * 3 parameters, but prepared statement requires 1": 15 failures in 30, measured here).
 */
export const EMBEDDED_POOL_MAX = 1

/**
 * Starts PGlite persisted in `dataDir` behind pglite-socket on a free loopback port, so
 * the same postgres.js code runs against it as against a real server.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = await lockDataDir(dataDir)
  try {
    const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { pg_trgm } })
    // Spares above the pool: the multiplexer resets connections beyond its limit, and the
    // migration tests connect a second client.
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: EMBEDDED_POOL_MAX + 2,
    })
    await server.start()
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop()
        await db.close()
        await unlock()
      },
    }
  } catch (error) {
    await unlock()
    throw error
  }
}
