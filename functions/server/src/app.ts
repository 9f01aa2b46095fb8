import { createShell, type AnyApp, type ApiDeps } from '@dropmate/api'
import { createUserAccount, login, logout, me, refresh } from '@dropmate/auth'
import { pendingMigrations, type Migration } from '@dropmate/db'
import { createDriverAccount, listDrivers, updateDriver } from '@dropmate/drivers'
import * as shipments from '@dropmate/shipments'
import { healthRoutes } from '@dropmate/runtime'

export interface ServerDeps {
  api: ApiDeps
  migrations: Migration[]
  isDraining?: () => boolean
}

/** Every function of the API, in the order their routes should match. */
export function apiFunctions(deps: ApiDeps): AnyApp[] {
  return [
    login(deps),
    refresh(deps),
    logout(deps),
    me(deps),
    createUserAccount(deps),
    // before the /api/shipments/{id}/... routes: "track" is not an id
    shipments.trackShipment(deps),
    shipments.listShipments(deps),
    shipments.createShipment(deps),
    shipments.getShipment(deps),
    shipments.changeShipmentStatus(deps),
    shipments.assignShipment(deps),
    shipments.claimShipment(deps),
    shipments.cancelShipment(deps),
    shipments.shipmentEvents(deps),
    shipments.shipmentLocation(deps),
    listDrivers(deps),
    createDriverAccount(deps),
    updateDriver(deps),
  ]
}

/**
 * The one-process DropMate: every function, the broker, realtime and the dashboard mounted
 * on one app. Tests call `createServer(deps).request(...)` without binding a port.
 */
export function createServer({ api, migrations, isDraining }: ServerDeps) {
  const { sql } = api
  const health = healthRoutes({
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
  })
  return createShell(api, [health, ...apiFunctions(api)])
}
