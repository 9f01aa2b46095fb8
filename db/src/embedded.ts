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
 * The pool size to use against embedded Postgres. Every connection shares one PGlite
 * session, so more connections only queue; two let a query run while a transaction holds
 * the other (REFERENCE.md, measured).
 */
export const EMBEDDED_POOL_MAX = 2

/**
 * Starts PGlite persisted in `dataDir` behind pglite-socket on a free loopback port, so
 * the same postgres.js code runs against it as against a real server.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const unlock = await lockDataDir(dataDir)
  try {
    const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { pg_trgm } })
    // One spare above the pool: the multiplexer resets connections beyond its limit.
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: EMBEDDED_POOL_MAX + 1,
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
