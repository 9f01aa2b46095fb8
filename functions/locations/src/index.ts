import { driverPositions } from './driver-positions'
import { ingestLocations } from './ingest-locations'
import { nearbyDrivers } from './nearby-drivers'

export { driverPositions, ingestLocations, nearbyDrivers }
export type { DriverFix, LocationStore, NearbyDriver } from './location-store'
export { locationServices } from './services'

/** The location functions, in the order their routes are mounted. */
export const functions = [nearbyDrivers, driverPositions, ingestLocations] as const
