import { HANDOVER_MS } from './eta'
import type { LatLng } from './geo'
import { orderStops, type Stop } from './stop-order'

/** Somewhere a driver stops: a point with the address and the person found there. */
export interface RoutePlace extends LatLng {
  address: string
  name: string
}

/** A parcel still open in a driver's hands, as routing needs it. */
export interface RouteParcel {
  shipmentId: string
  trackingNumber: string
  /** Where to collect it; null once it is picked up. */
  pickup: RoutePlace | null
  dropoff: RoutePlace
  /** The slot promised to the receiver, when there is one. */
  window: { from: Date; to: Date } | null
}

export type StopKind = 'pickup' | 'dropoff'

/** One stop to make, before ordering. */
export interface RouteStop {
  parcel: RouteParcel
  kind: StopKind
  place: RoutePlace
}

/** A stop in route order, with the leg that leads to it. */
export interface PlannedStop extends RouteStop {
  /** Metres from the previous stop (or the driver); 0 for a first stop with no known start. */
  legDistanceM: number
  /** When the driver should get there; null while their position is unknown. */
  arrivalAt: Date | null
  /** Whether that is after the promised slot ends. */
  late: boolean
}

/**
 * The stops of `parcels`: a pickup then a drop-off for each parcel still to collect, a
 * drop-off alone for each already collected. The distance matrix handed to `planRoute` is
 * over `[start, ...stops]` when there is a start, `stops` alone otherwise.
 */
export function routeStops(parcels: readonly RouteParcel[]): RouteStop[] {
  return parcels.flatMap((parcel): RouteStop[] => [
    ...(parcel.pickup ? [{ parcel, kind: 'pickup' as const, place: parcel.pickup }] : []),
    { parcel, kind: 'dropoff', place: parcel.dropoff },
  ])
}

/**
 * Orders the stops to shorten the drive, pickups before their drop-offs and promised
 * slots kept where they can be (`orderStops`), and says when each is reached: from `now`,
 * at `speedMps` over `distancesM` × `detour` (1 for road distances; more for straight
 * lines, which streets are not), with a handover at each stop.
 *
 * @example
 * planRoute({ start, stops, distancesM, detour: 1, speedMps: 5.5, now: new Date() })
 */
export function planRoute(input: {
  start: LatLng | null
  stops: readonly RouteStop[]
  distancesM: ReadonlyArray<ReadonlyArray<number>>
  detour: number
  speedMps: number
  now: Date
}): PlannedStop[] {
  const { start, stops, distancesM, detour, speedMps, now } = input
  // Stops are numbered from 0 and the start is -1; the matrix puts the start, if any, first.
  const at = (stop: number) => stop + (start ? 1 : 0)
  const metres = (from: number, to: number) =>
    from < 0 && !start ? 0 : distancesM[at(from)]![at(to)]!
  const seconds = (from: number, to: number) => (metres(from, to) * detour) / speedMps
  const pickupAt = new Map(stops.flatMap((s, k) => (s.kind === 'pickup' ? [[s.parcel, k]] : [])))
  const problemStops = stops.map((stop): Stop => {
    const window = stop.kind === 'dropoff' ? stop.parcel.window : null
    return {
      after: stop.kind === 'dropoff' ? pickupAt.get(stop.parcel) : undefined,
      window: window
        ? {
            from: (window.from.getTime() - now.getTime()) / 1000,
            to: (window.to.getTime() - now.getTime()) / 1000,
          }
        : undefined,
    }
  })
  // Place 0 is the start (-1 here), place k + 1 is stop k.
  const travelS = [-1, ...stops.keys()].map((from) =>
    [-1, ...stops.keys()].map((to) => (to < 0 ? 0 : seconds(from, to))),
  )
  const order = orderStops({ stops: problemStops, travelS, serviceS: HANDOVER_MS / 1000 })

  let previous = -1
  let clock = now.getTime()
  return order.map((k) => {
    const stop = stops[k]!
    const legDistanceM = Math.round(metres(previous, k))
    clock += seconds(previous, k) * 1000
    const window = problemStops[k]!.window
    const opens = window ? now.getTime() + window.from * 1000 : -Infinity
    clock = Math.max(clock, opens)
    const arrivalAt = start ? new Date(clock) : null
    const late = Boolean(start && window && clock > now.getTime() + window.to * 1000)
    clock += HANDOVER_MS
    previous = k
    return { ...stop, legDistanceM, arrivalAt, late }
  })
}
