import { createDriver } from './create-driver'
import { listDrivers } from './list-drivers'
import { updateDriver } from './update-driver'

export { createDriver, listDrivers, updateDriver }

/** The driver functions, in the order their routes are mounted. */
export const functions = [listDrivers, createDriver, updateDriver] as const
