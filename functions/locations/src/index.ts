export { driverPositions } from './driver-positions/app'
export { ingestLocations } from './ingest-locations/app'
export { nearbyDrivers } from './nearby-drivers/app'
