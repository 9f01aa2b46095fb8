import type { Driver as ContractDriver } from '@dropmate/contracts/rest'
import { check, fail } from 'k6'
import { api, jsonOf } from './api.ts'
import type { Session } from './auth.ts'

/** The fields of a driver the scenarios use (`GET /api/drivers`). */
export type Driver = Pick<ContractDriver, 'id' | 'email' | 'dutyStatus'>

/** Every driver, as staff see them. Fails the test when the list is refused. */
export function listDrivers(staff: Session): Driver[] {
  const res = api('GET', '/api/drivers', { endpoint: 'drivers', token: staff.token })
  const answer = res.status === 200 ? jsonOf<{ items: Driver[] }>(res) : null
  if (!check(res, { 'drivers listed': () => answer !== null })) {
    fail(`${staff.email} cannot list drivers: ${res.status}`)
  }
  return answer!.items
}

function setDuty(staff: Session, driverId: string, dutyStatus: Driver['dutyStatus']) {
  const res = api('PATCH', '/api/drivers/{id}', {
    endpoint: 'duty',
    token: staff.token,
    path: { id: driverId },
    json: { dutyStatus },
  })
  check(res, { 'duty status changed': (r) => r.status === 200 })
}

/**
 * Puts the offline drivers among `emails` on duty, as a dispatcher may, so their pings show a
 * working fleet. Returns their ids for teardown() to take them off duty again; drivers already
 * on duty are left as they are. Fails the test when an email is no driver's.
 *
 * @example
 * export function setup() { return { wentOnDuty: putOnDuty(session(DISPATCHER), DRIVER_EMAILS) } }
 */
export function putOnDuty(staff: Session, emails: string[]): string[] {
  const drivers = listDrivers(staff)
  const offline: string[] = []
  for (const email of emails) {
    const driver = drivers.find((d) => d.email.toLowerCase() === email.toLowerCase())
    if (!driver) fail(`${email} is not a driver's account`)
    if (driver.dutyStatus !== 'offline') continue
    setDuty(staff, driver.id, 'available')
    offline.push(driver.id)
  }
  return offline
}

/** Takes the drivers putOnDuty() put on duty off it again. */
export function takeOffDuty(staff: Session, driverIds: string[]) {
  for (const id of driverIds) setDuty(staff, id, 'offline')
}
