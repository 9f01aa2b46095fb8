import { text } from '@dropmate/kit'
import { Driver } from '@dropmate/contracts/rest/drivers'

export const VehiclePlate = text({ max: 20 }).openapi({ example: 'AA-00-AA' })

export const DriverSchema = Driver.meta({ id: 'Driver' })
