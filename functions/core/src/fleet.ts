/**
 * Fleet vocabulary: what a driver rides and whether they are working. The database's check
 * constraints, the REST schemas, the duty events and the dashboard all take these lists.
 */

export const VEHICLE_TYPES = [
  'on_foot',
  'bicycle',
  'cargo_bike',
  'scooter',
  'motorcycle',
  'car',
  'van',
] as const
export type VehicleType = (typeof VEHICLE_TYPES)[number]

/** `busy` is on duty with deliveries in hand; `available` is on duty and free to take more. */
export const DUTY_STATUSES = ['offline', 'available', 'busy'] as const
export type DutyStatus = (typeof DUTY_STATUSES)[number]

/**
 * How a driver is shown to staff: off duty as chosen; on duty, busy while any delivery is in
 * their hands (a phone going "on duty" says nothing about the parcels it carries), else as
 * they chose.
 *
 * @example
 * availabilityOf({ dutyStatus: 'available', activeShipments: 8 }) // 'busy'
 */
export function availabilityOf(driver: {
  dutyStatus: DutyStatus
  activeShipments: number
}): DutyStatus {
  if (driver.dutyStatus === 'offline') return 'offline'
  return driver.activeShipments > 0 ? 'busy' : driver.dutyStatus
}
