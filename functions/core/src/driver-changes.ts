import type { DutyStatus, VehicleType } from './fleet'
import type { Actor } from './status-machine'

/** What may change on a driver's record. */
export interface DriverSettings {
  dutyStatus?: DutyStatus
  vehicleType?: VehicleType
  vehiclePlate?: string | null
}

const SETTINGS = ['dutyStatus', 'vehicleType', 'vehiclePlate'] as const

/**
 * Why `actor` may not make this change to driver `driverId`, or null when they may. Drivers
 * change their own duty status only; another driver's record answers like a missing one, so
 * ids cannot be probed.
 */
export function refuseDriverChange(
  actor: Actor,
  driverId: string,
  change: DriverSettings,
): 'driver_not_found' | 'forbidden_field' | null {
  if (actor.role !== 'driver') return null
  if (actor.driverId !== driverId) return 'driver_not_found'
  if (change.vehicleType !== undefined || change.vehiclePlate !== undefined) {
    return 'forbidden_field'
  }
  return null
}

/** The settings of `change` that differ from `current`: a repeated value is no change. */
export function changedSettings(current: DriverSettings, change: DriverSettings): DriverSettings {
  const changed: DriverSettings = {}
  for (const field of SETTINGS) {
    const value = change[field]
    if (value !== undefined && value !== current[field]) Object.assign(changed, { [field]: value })
  }
  return changed
}
