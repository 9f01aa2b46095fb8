import { check } from 'k6'
import type { Response } from 'k6/http'
import { api } from './api.ts'
import type { Session } from './auth.ts'
import { encode, encodeBatch, locationEvent, type Fix, type Mode } from './cloudevents.ts'
import { randomId } from './random.ts'

/** A driver's phone: where it is, and reporting that to `POST /api/locations`. */

// Central Lisbon, where the demo shop delivers; the API takes positions anywhere.
const CITY = { lat: 38.7223, lng: -9.1393 }
const CITY_SPREAD_DEGREES = 0.04
// A bicycle or scooter in town.
const SPEED_MPS = 5
const METRES_PER_DEGREE = 111_320

interface Whereabouts {
  fix: Fix
  at: number
}

// Per driver, for this VU: each VU is its own runtime in k6.
const whereabouts: Record<string, Whereabouts> = {}

/** The driver's next fix: on from the last one at city speed, turning a little. */
function nextFix(driverId: string, now: number): Fix {
  const last = whereabouts[driverId]
  if (!last) {
    const fix = {
      lat: CITY.lat + (Math.random() - 0.5) * CITY_SPREAD_DEGREES,
      lng: CITY.lng + (Math.random() - 0.5) * CITY_SPREAD_DEGREES,
      accuracyM: 8,
      speedMps: SPEED_MPS,
      headingDeg: Math.floor(Math.random() * 360),
    }
    whereabouts[driverId] = { fix, at: now }
    return fix
  }
  // A batch's fixes may predate the live ones: they stand still rather than drive back.
  const metres = (SPEED_MPS * Math.max(0, now - last.at)) / 1000
  const headingDeg = (last.fix.headingDeg + 330 + Math.random() * 60) % 360
  const radians = (headingDeg * Math.PI) / 180
  const fix = {
    ...last.fix,
    headingDeg: Math.floor(headingDeg),
    lat: last.fix.lat + (metres * Math.cos(radians)) / METRES_PER_DEGREE,
    lng:
      last.fix.lng +
      (metres * Math.sin(radians)) / (METRES_PER_DEGREE * Math.cos((last.fix.lat * Math.PI) / 180)),
  }
  whereabouts[driverId] = { fix, at: now }
  return fix
}

function driverIdOf(driver: Session): string {
  if (!driver.driverId) throw new Error(`${driver.email} has no driver record`)
  return driver.driverId
}

/**
 * Sends where the driver is now as one ping. Returns the ping's time as sent (the `time`
 * attribute, which the gateway passes on as `recordedAt`) beside the response.
 *
 * @example
 * const { res, time } = sendPing(session(driverOf(__VU)), 'binary')
 */
export function sendPing(driver: Session, mode: Mode): { res: Response; time: string } {
  const driverId = driverIdOf(driver)
  const now = Date.now()
  const event = locationEvent(randomId(), driverId, nextFix(driverId, now), new Date(now))
  const res = api('POST', '/api/locations', {
    endpoint: 'ping',
    token: driver.token,
    tags: { mode },
    ...encode(event, mode),
  })
  check(res, { 'ping accepted': (r) => r.status === 202 })
  return { res, time: event.time }
}

/**
 * Sends `count` fixes a phone kept through a dead zone, one every `everySeconds` up to now,
 * as one batch.
 */
export function sendCatchUp(driver: Session, count: number, everySeconds: number) {
  const driverId = driverIdOf(driver)
  const now = Date.now()
  const events = []
  for (let i = count - 1; i >= 0; i--) {
    const at = now - i * everySeconds * 1000
    events.push(locationEvent(randomId(), driverId, nextFix(driverId, at), new Date(at)))
  }
  const res = api('POST', '/api/locations', {
    endpoint: 'ping_batch',
    token: driver.token,
    ...encodeBatch(events),
  })
  check(res, { 'batch accepted': (r) => r.status === 202 })
}
