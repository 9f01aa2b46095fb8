// What each drivers function needs as a Knative Service; read by knative/src, not by the apps.
export { deployment as createDriver } from './create-driver/deploy'
export { deployment as listDrivers } from './list-drivers/deploy'
export { deployment as updateDriver } from './update-driver/deploy'
