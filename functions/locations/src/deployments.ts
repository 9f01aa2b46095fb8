// What each locations function needs as a Knative Service; read by knative/src, not by the apps.
export { deployment as driverPositions } from './driver-positions/deploy'
export { deployment as ingestLocations } from './ingest-locations/deploy'
export { deployment as nearbyDrivers } from './nearby-drivers/deploy'
