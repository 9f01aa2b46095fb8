import { createDriver } from './create-driver'
import { driverRoute } from './driver-route'
import { listDrivers } from './list-drivers'
import { updateDriver } from './update-driver'

export { createDriver, driverRoute, listDrivers, updateDriver }

/** The driver functions, in the order their routes are mounted. */
export const functions = [listDrivers, createDriver, updateDriver, driverRoute] as const
