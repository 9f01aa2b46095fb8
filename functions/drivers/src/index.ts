export { createDriverAccount } from './create-driver/app'
export { listDrivers } from './list-drivers/app'
export { updateDriver } from './update-driver/app'
