import { driverPositions } from './driver-positions'
import { ingestLocations } from './ingest-locations'
import { nearbyDrivers } from './nearby-drivers'

export { driverPositions, ingestLocations, nearbyDrivers }

/** The location functions, in the order their routes are mounted. */
export const functions = [nearbyDrivers, driverPositions, ingestLocations] as const
