import { SHOP } from '../seed/demo-data'
import { deliverOneParcel, ping, type Driver, type JourneyContext } from './journey'

const BETWEEN_PARCELS_MS = 150
// Drivers set off one after another, so a fault finds them at different steps.
const STAGGER_MS = 500
// Drivers waiting at the shop still report where they are, as a phone on duty does.
const IDLE_PING_EVERY_MS = 250

/**
 * The mixed load of a scenario: each courier delivers parcels one after another (creates,
 * assignments, status changes, pings on the way) until `until`, finishing the parcel in hand,
 * while the idle drivers ping from the shop. Resolves when every driver is done.
 */
export async function runLoad(
  ctx: JourneyContext,
  drivers: { couriers: Driver[]; idle: Driver[] },
  until: number,
) {
  let next = 0
  const delivering = drivers.couriers.map(async (driver, i) => {
    await pause(i * STAGGER_MS)
    while (Date.now() < until && Date.now() < ctx.deadline) {
      await deliverOneParcel(ctx, driver, next++)
      await pause(BETWEEN_PARCELS_MS)
    }
  })
  const waiting = drivers.idle.map(async (driver) => {
    while (Date.now() < until) {
      await ping(ctx, driver, { lat: SHOP.lat, lng: SHOP.lng })
      await pause(IDLE_PING_EVERY_MS)
    }
  })
  await Promise.all([...delivering, ...waiting])
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
