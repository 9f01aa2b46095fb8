import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { driverEvents } from '@dropmate/contracts/driver-events'
import {
  enqueueEvent,
  findDriverView,
  lockDriver,
  updateDriverRecord,
  type DriverChanges,
} from '@dropmate/db'
import { createApiApp, logger, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { DutyStatus } from '@dropmate/contracts/driver-events'
import { VehicleType } from '@dropmate/contracts/rest/drivers'
import { DriverSchema, VehiclePlate } from '../schemas'

const DriverPatch = z
  .strictObject({
    dutyStatus: DutyStatus.optional(),
    vehicleType: VehicleType.optional(),
    vehiclePlate: VehiclePlate.nullable().optional().openapi({ description: 'null removes it' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' })
  .openapi({ minProperties: 1 })

export const route = createRoute({
  method: 'patch',
  path: '/api/drivers/{id}',
  operationId: 'updateDriver',
  summary: "Change a driver's duty status (drivers: their own) or vehicle (staff)",
  security: BEARER,
  request: { params: IdParam, body: jsonBody(DriverPatch) },
  responses: {
    200: json(DriverSchema, 'The driver as changed'),
    ...problems(400, 401, 403, 404, 413, 415),
  },
})

const notFound = () => new ProblemError('driver_not_found', 'No such driver.')

export function updateDriver(deps: ApiDeps) {
  const { store } = deps.locations
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'driver'])] },
    async (c) => {
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      const { actor } = c.var
      if (actor.role === 'driver') {
        // Another driver's record answers like a missing one, so ids cannot be probed.
        if (actor.driverId !== id) throw notFound()
        if (patch.vehicleType !== undefined || patch.vehiclePlate !== undefined) {
          throw new ProblemError('forbidden_field', 'Drivers change their duty status only.')
        }
      }
      const driver = await deps.sql.begin(async (tx) => {
        // Locked, so `from` in the event is what this change really replaced.
        const current = await lockDriver(tx, id)
        if (!current) throw notFound()
        const changes = changesTo(current, patch)
        const updated = await updateDriverRecord(tx, id, changes)
        if (changes.dutyStatus) {
          await enqueueEvent(
            tx,
            driverEvents.dutyChanged('/functions/update-driver', {
              driverId: id,
              from: current.dutyStatus,
              to: changes.dutyStatus,
              changedAt: updated!.dutyChangedAt.toISOString(),
            }),
          )
        }
        return findDriverView(tx, id)
      })
      // Off duty is off the map at once, not when the last position goes stale.
      if (patch.dutyStatus === 'offline') {
        await store.forget(id).catch((error: unknown) => {
          logger.warn({ err: error }, 'position not cleared; it expires by itself')
        })
      }
      return c.json(driver!, 200)
    },
  )
}

/** The fields of `patch` that differ from `current`: a repeated value is no change. */
function changesTo(current: DriverChanges, patch: DriverChanges): DriverChanges {
  const changes: DriverChanges = {}
  for (const field of ['dutyStatus', 'vehicleType', 'vehiclePlate'] as const) {
    const value = patch[field]
    if (value !== undefined && value !== current[field]) Object.assign(changes, { [field]: value })
  }
  return changes
}
