import { describe, expect, it } from 'vitest'
import { exactStopOrder } from './exact-stop-order'
import { distanceMeters, type LatLng } from './geo'
import {
  orderStops,
  respectsPrecedence,
  routeCost,
  type Stop,
  type StopProblem,
} from './stop-order'

const SPEED_MPS = 5
const SERVICE_S = 180

/** A problem over real points: place 0 the start, then one place per stop. */
function problemOver(start: LatLng | null, points: LatLng[], stops: Stop[]): StopProblem {
  const places = [start, ...points]
  const travelS = places.map((from) =>
    // Nothing leads back to an unknown start, and it costs nothing to leave.
    places.map((to) => (from && to ? distanceMeters(from, to) / SPEED_MPS : 0)),
  )
  return { stops, travelS, serviceS: SERVICE_S }
}

/** Points along one street, `m` metres east of a corner in Lisbon. */
const east = (m: number): LatLng => ({ lat: 38.71, lng: -9.14 + m / 86_700 })

/** mulberry32: a small seeded generator, so every run draws the same instances. */
function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A driver's day in a 6 km square: some parcels still to collect (two stops), the rest in
 * the bag (one), `stopCount` stops in all; with `windows`, some drop-offs promised a slot.
 */
function randomDay(random: () => number, stopCount: number, windows: boolean): StopProblem {
  const somewhere = (): LatLng => ({
    lat: 38.69 + random() * 0.054,
    lng: -9.19 + random() * 0.069,
  })
  const points: LatLng[] = []
  const stops: Stop[] = []
  while (stops.length < stopCount) {
    const window = (): Stop['window'] => {
      if (!windows || random() < 0.5) return undefined
      const from = random() * 3_600
      return { from, to: from + 900 + random() * 1_800 }
    }
    if (stopCount - stops.length >= 2 && random() < 0.5) {
      points.push(somewhere(), somewhere())
      stops.push({}, { after: stops.length, window: window() })
    } else {
      points.push(somewhere())
      stops.push({ window: window() })
    }
  }
  return problemOver(somewhere(), points, stops)
}

describe('routeCost', () => {
  it('adds the road, the time at each stop, the wait for a window and ten times the lateness', () => {
    const problem = problemOver(
      east(0),
      [east(500), east(1_000)],
      [{ window: { from: 600, to: 900 } }, { window: { from: 0, to: 700 } }],
    )
    // 100 s to the first stop, a wait until 600, 180 s there, 100 s on: there at 880, 180 s
    // late, done at 1060.
    expect(routeCost(problem, [0, 1])).toBeCloseTo(1_060 + 10 * 180, -1)
  })
})

describe('orderStops', () => {
  it('drives along the street instead of back and forth', () => {
    const problem = problemOver(east(0), [east(900), east(300), east(600)], [{}, {}, {}])
    expect(orderStops(problem)).toEqual([1, 2, 0])
  })

  it('collects a parcel before delivering it, even when its door is on the way', () => {
    // The door is at 200 m, the shop at 1 km: going to the door first would save nothing.
    const problem = problemOver(east(0), [east(1_000), east(200)], [{}, { after: 0 }])
    const order = orderStops(problem)
    expect(order).toEqual([0, 1])
    expect(respectsPrecedence(problem.stops, order)).toBe(true)
  })

  it('goes out of its way to keep a promised slot', () => {
    // The far door is promised within 8 minutes; the near ones are not promised anything.
    const problem = problemOver(
      east(0),
      [east(400), east(800), east(2_000)],
      [{}, {}, { window: { from: 0, to: 480 } }],
    )
    expect(orderStops(problem)[0]).toBe(2)
  })

  it('starts anywhere when the driver has not shared a position', () => {
    const problem = problemOver(null, [east(300), east(900), east(0), east(600)], [{}, {}, {}, {}])
    const order = orderStops(problem)
    const along = order.map((stop) => [300, 900, 0, 600][stop])
    expect([along, [...along].reverse()]).toContainEqual([0, 300, 600, 900])
  })

  it('answers an empty route for no stops', () => {
    expect(orderStops({ stops: [], travelS: [[0]], serviceS: SERVICE_S })).toEqual([])
  })
})

describe('the optimality gap against the exact solver', () => {
  it.each([
    { windows: false, meanBound: 0.001, maxBound: 0.02 },
    { windows: true, meanBound: 0.001, maxBound: 0.02 },
  ])(
    'stays within $meanBound on average and $maxBound at worst over 300 days of 6–9 stops (windows: $windows)',
    ({ windows, meanBound, maxBound }) => {
      const random = seeded(windows ? 18 : 6)
      const gaps: number[] = []
      for (let day = 0; day < 300; day++) {
        const problem = randomDay(random, 6 + Math.floor(random() * 4), windows)
        const exact = exactStopOrder(problem)
        const heuristic = orderStops(problem)
        expect(respectsPrecedence(problem.stops, heuristic)).toBe(true)
        expect(respectsPrecedence(problem.stops, exact)).toBe(true)
        expect(heuristic.toSorted((a, b) => a - b)).toEqual(problem.stops.map((_, k) => k))
        const optimum = routeCost(problem, exact)
        const gap = routeCost(problem, heuristic) / optimum - 1
        // The exact solver is the floor: nothing the heuristic finds is cheaper.
        expect(gap).toBeGreaterThanOrEqual(-1e-9)
        gaps.push(gap)
      }
      const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length
      const max = Math.max(...gaps)
      const optimal = gaps.filter((gap) => gap < 1e-9).length
      console.log(
        `optimality gap (windows: ${windows}) over ${gaps.length} days: mean ${(mean * 100).toFixed(3)} %, ` +
          `max ${(max * 100).toFixed(2)} %, optimal in ${optimal}`,
      )
      expect(mean).toBeLessThan(meanBound)
      expect(max).toBeLessThan(maxBound)
    },
    120_000,
  )
})
