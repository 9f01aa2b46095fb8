import { pendingMigrations, type Migration, type Sql } from '@dropmate/db'
import { healthRoutes, notFound, onError } from '@dropmate/runtime'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

export interface ServerDeps {
  sql: Sql
  migrations: Migration[]
  isDraining?: () => boolean
}

/**
 * The one-process DropMate: every function, the broker, realtime and the dashboard mounted
 * on one Hono app. Tests call `createServer(deps).request(...)` without binding a port.
 */
export function createServer({ sql, migrations, isDraining }: ServerDeps) {
  const app = new Hono()
  app.use(secureHeaders())
  app.route(
    '/',
    healthRoutes({
      isDraining,
      checks: {
        database: async () => {
          await sql`select 1`
        },
        migrations: async () => {
          const pending = await pendingMigrations(sql, migrations)
          if (pending.length > 0) {
            throw new Error(`${pending.length} pending, first ${pending[0]!.version}`)
          }
        },
      },
    }),
  )
  app.notFound(notFound)
  app.onError(onError)
  return app
}
