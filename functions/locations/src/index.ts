export { ingestLocations } from './ingest-locations/app'
export type { DriverFix, LocationStore, NearbyDriver } from './location-store'
export { nearbyDrivers } from './nearby-drivers/app'
export { locationServices } from './services'
