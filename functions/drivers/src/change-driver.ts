import type { ApiDeps, Principal } from '@dropmate/kit'
import { driverEvents } from '@dropmate/contracts/driver-events'
import { changedSettings, refuseDriverChange, type DriverSettings } from '@dropmate/core'
import {
  enqueueEvent,
  findDriverView,
  lockDriver,
  recordAudit,
  updateDriverRecord,
  type Driver,
  type Queryable,
} from '@dropmate/db'
import { logger, ProblemError } from '@dropmate/runtime'

const SOURCE = '/functions/update-driver'

const notFound = () => new ProblemError('driver_not_found', 'No such driver.')

/**
 * Changes a driver's duty status or vehicle, as far as `actor` may, in one transaction that
 * announces a duty change; going off duty takes the driver off the map at once. Resolves
 * with the driver as changed.
 */
export async function changeDriver(
  deps: Pick<ApiDeps, 'sql' | 'locations'>,
  { driverId, change, actor }: { driverId: string; change: DriverSettings; actor: Principal },
) {
  const refusal = refuseDriverChange(actor, driverId, change)
  if (refusal === 'driver_not_found') throw notFound()
  if (refusal === 'forbidden_field') {
    throw new ProblemError(refusal, 'Drivers change their duty status only.')
  }
  const driver = await deps.sql.begin(async (tx) => {
    // Locked, so `from` in the event is what this change really replaced.
    const current = await lockDriver(tx, driverId)
    if (!current) throw notFound()
    const changes = changedSettings(current, change)
    const updated = await updateDriverRecord(tx, driverId, changes)
    if (actor.role === 'admin') await auditDriverChange(tx, actor, current, changes)
    if (changes.dutyStatus) {
      await enqueueEvent(
        tx,
        driverEvents.dutyChanged(SOURCE, {
          driverId,
          from: current.dutyStatus,
          to: changes.dutyStatus,
          changedAt: updated!.dutyChangedAt.toISOString(),
        }),
      )
    }
    return findDriverView(tx, driverId)
  })
  // Off duty is off the map at once, not when the last position goes stale.
  if (change.dutyStatus === 'offline') {
    await deps.locations.store.forget(driverId).catch((error: unknown) => {
      logger.warn({ err: error }, 'position not cleared; it expires by itself')
    })
  }
  return driver!
}

/** An admin's change to a driver's record, on the driver's account's audit trail. */
async function auditDriverChange(
  tx: Queryable,
  actor: Principal,
  before: Driver,
  changes: DriverSettings,
) {
  const changed = (Object.keys(changes) as (keyof DriverSettings)[]).filter(
    (field) => changes[field] !== undefined,
  )
  if (changed.length === 0) return
  await recordAudit(tx, {
    actorId: actor.userId,
    action: 'driver.changed',
    targetId: before.userId,
    changes: Object.fromEntries(
      changed.map((field) => [field, { from: before[field], to: changes[field] }]),
    ),
  })
}
