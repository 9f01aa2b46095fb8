import { describe, expect, it } from 'vitest'
import { distanceMeters, type LatLng } from './geo'
import { planRoute, routeStops, type RouteParcel, type RoutePlace } from './route-plan'

const now = new Date('2026-12-05T10:00:00Z')
/** A place `m` metres east of a corner in Lisbon. */
const east = (m: number, name = `${m} m`): RoutePlace => ({
  lat: 38.71,
  lng: -9.14 + m / (111_195 * Math.cos((38.71 * Math.PI) / 180)),
  address: `Rua ${m}`,
  name,
})

const parcel = (id: string, pickup: RoutePlace | null, dropoff: RoutePlace): RouteParcel => ({
  shipmentId: id,
  trackingNumber: `DM${id}`,
  pickup,
  dropoff,
  window: null,
})

function plan(start: LatLng | null, parcels: RouteParcel[]) {
  const stops = routeStops(parcels)
  const points = [...(start ? [start] : []), ...stops.map((s) => s.place)]
  const distancesM = points.map((a) => points.map((b) => distanceMeters(a, b)))
  return planRoute({ start, stops, distancesM, detour: 1, speedMps: 5, now })
}

const described = (stops: ReturnType<typeof plan>) =>
  stops.map((s) => `${s.kind} ${s.parcel.shipmentId}`)

describe('planRoute', () => {
  it('collects before delivering and says how far and when, with a handover at each stop', () => {
    const stops = plan(east(0), [
      parcel('A', east(1_000), east(2_000)),
      parcel('B', null, east(500)),
    ])
    expect(described(stops)).toEqual(['dropoff B', 'pickup A', 'dropoff A'])
    expect(stops.map((s) => s.legDistanceM)).toEqual([500, 500, 1_000])
    // 100 s, 3 min there, 100 s, 3 min, 200 s.
    const secondsAfterNow = (s: (typeof stops)[number]) =>
      Math.round((s.arrivalAt!.getTime() - now.getTime()) / 1000)
    expect(stops.map(secondsAfterNow)).toEqual([100, 100 + 180 + 100, 380 + 180 + 200])
    expect(stops.every((s) => !s.late)).toBe(true)
  })

  it('serves a promised slot first, and flags a stop it cannot reach in time', () => {
    const promised = {
      ...parcel('A', null, east(2_000)),
      window: { from: now, to: new Date(now.getTime() + 10 * 60_000) },
    }
    const impossible = {
      ...parcel('B', null, east(3_000)),
      window: { from: now, to: new Date(now.getTime() + 60_000) },
    }
    const stops = plan(east(0), [parcel('C', null, east(1_000)), promised, impossible])
    expect(described(stops)).toEqual(['dropoff A', 'dropoff B', 'dropoff C'])
    expect(stops.map((s) => s.late)).toEqual([false, true, false])
  })

  it('orders the stops but gives no times while the driver has shared no position', () => {
    const stops = plan(null, [parcel('A', east(1_000), east(0)), parcel('B', null, east(1_500))])
    expect(described(stops)[0]).not.toBe('dropoff A')
    expect(stops[0]!.legDistanceM).toBe(0)
    expect(stops.every((s) => s.arrivalAt === null && !s.late)).toBe(true)
  })

  it('answers no stops for no parcels', () => {
    expect(plan(east(0), [])).toEqual([])
  })
})
