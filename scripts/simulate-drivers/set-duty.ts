import type { VehicleType } from '@dropmate/core'
import { ApiError } from '../lib/api-client'
import type { Session } from './session'

export interface DriverRecord {
  id: string
  name: string
  vehicleType: VehicleType
  dutyStatus: string
}

/**
 * Puts the signed-in driver on or off duty, as drivers may only do for themselves. Rejects
 * with an ApiError when refused, a NetworkError when unanswered.
 */
export async function setDuty(
  session: Session,
  dutyStatus: 'available' | 'offline',
): Promise<DriverRecord> {
  const path = `/api/drivers/${session.account.driverId}`
  const reply = await session.call({ method: 'PATCH', path, json: { dutyStatus } })
  if (reply.status !== 200) throw new ApiError(`PATCH ${path} as ${session.account.email}`, reply)
  return reply.body as DriverRecord
}
