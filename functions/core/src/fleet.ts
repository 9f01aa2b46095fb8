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
