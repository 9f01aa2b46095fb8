import { describe, expect, it } from 'vitest'
import { deliveryEtas, estimateArrival, etaToDoor, smoothSpeed } from './eta'

const now = new Date('2026-11-26T10:02:00Z')
const shop = { lat: 38.7135, lng: -9.1605 } // Estrela
const alfama = { lat: 38.7118, lng: -9.1306 } // 2.6 km east
const minutesFromNow = (iso: string) => (Date.parse(iso) - now.getTime()) / 60_000

describe('estimateArrival', () => {
  it('gives a window on five-minute marks around the trip a bicycle needs', () => {
    const eta = estimateArrival({
      from: shop,
      to: alfama,
      recentSpeedMps: 4.2,
      vehicleType: 'bicycle',
      now,
    })

    expect(eta.distanceM).toBeGreaterThan(2_550)
    expect(eta.distanceM).toBeLessThan(2_650)
    // 2.6 km of streets at 15 km/h is about 14 minutes
    expect(eta.earliest).toBe('2026-11-26T10:10:00.000Z')
    expect(eta.latest).toBe('2026-11-26T10:25:00.000Z')
  })

  it('does not take a stop at a red light for a driver who never arrives', () => {
    const stopped = estimateArrival({
      from: shop,
      to: alfama,
      recentSpeedMps: 0,
      vehicleType: 'car',
      now,
    })

    expect(minutesFromNow(stopped.latest)).toBeLessThanOrEqual(60)
  })

  it('is the next few minutes once the driver is at the door', () => {
    const eta = estimateArrival({
      from: { lat: 38.7119, lng: -9.1307 },
      to: alfama,
      recentSpeedMps: 5,
      vehicleType: 'van',
      now,
    })

    expect(eta.earliest).toBe('2026-11-26T10:00:00.000Z')
    expect(minutesFromNow(eta.latest)).toBeGreaterThan(0)
    expect(minutesFromNow(eta.latest)).toBeLessThanOrEqual(10)
  })

  it('estimates from the vehicle when the phone reports no speed', () => {
    const walking = estimateArrival({
      from: shop,
      to: alfama,
      recentSpeedMps: null,
      vehicleType: 'on_foot',
      now,
    })
    const riding = estimateArrival({
      from: shop,
      to: alfama,
      recentSpeedMps: null,
      vehicleType: 'motorcycle',
      now,
    })

    expect(minutesFromNow(walking.earliest)).toBeGreaterThan(minutesFromNow(riding.latest))
  })
})

describe('smoothSpeed', () => {
  it('starts from the first reading and moves a fifth of the way with each next one', () => {
    expect(smoothSpeed(null, 10)).toBe(10)
    expect(smoothSpeed(10, 0)).toBeCloseTo(8)
    expect(smoothSpeed(8, null)).toBe(8)
    expect(smoothSpeed(null, null)).toBeNull()
  })
})

describe('etaToDoor', () => {
  const parcel = { receiverLat: alfama.lat, receiverLng: alfama.lng, vehicleType: 'bicycle' }

  it('estimates from the driver’s position and recent speed to the receiver’s door', () => {
    const driver = { ...shop, recentSpeedMps: 4.2 }

    expect(etaToDoor(driver, parcel, now)).toEqual(
      estimateArrival({ from: shop, to: alfama, recentSpeedMps: 4.2, vehicleType: 'bicycle', now }),
    )
  })

  it('falls back to the vehicle’s typical speed before any ping reported one', () => {
    const driver = { ...shop, recentSpeedMps: null }
    const onFoot = { ...parcel, vehicleType: 'on_foot' }

    expect(minutesFromNow(etaToDoor(driver, onFoot, now).latest)).toBeGreaterThan(
      minutesFromNow(etaToDoor(driver, parcel, now).latest),
    )
  })
})

describe('deliveryEtas', () => {
  it('gives each parcel in transit its own window, named by its shipment', () => {
    const driver = { ...shop, recentSpeedMps: 4.2 }
    const nextDoor = { shipmentId: 'p1', receiverLat: 38.7136, receiverLng: -9.1606 }
    const across = { shipmentId: 'p2', receiverLat: alfama.lat, receiverLng: alfama.lng }
    const [first, second] = deliveryEtas(
      driver,
      [nextDoor, across].map((door) => ({ ...door, vehicleType: 'bicycle' })),
      now,
    )

    expect(first?.shipmentId).toBe('p1')
    expect(first?.eta.distanceM).toBeLessThan(150)
    expect(second?.shipmentId).toBe('p2')
    expect(second?.eta.distanceM).toBeGreaterThan(2_550)
  })
})
