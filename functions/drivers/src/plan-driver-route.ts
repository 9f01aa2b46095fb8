import type { ApiDeps } from '@dropmate/kit'
import type { DriverRoute } from '@dropmate/contracts/rest'
import {
  BoundedMap,
  DETOUR_FACTOR,
  distanceMeters,
  planRoute,
  routeStops,
  typicalSpeedMps,
  type LatLng,
  type RouteParcel,
} from '@dropmate/core'
import { findDriverParcels, type OpenParcel } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { MAX_ROAD_POINTS, type RoadRouting } from './road-routing'

/**
 * A route is computed on read, from the parcels as the database has them now: every
 * assignment, pickup, delivery or cancellation shows at once, and nothing is stored that
 * could go stale. Its answer is kept while the same parcels (same versions) are open and the
 * driver stays within the same ~100 m square, for at most CACHE_MS: ordering a long route
 * takes a good part of a second and a road matrix a round trip, and both hardly change as
 * a driver waits at a door.
 */
const CACHE_MS = 60_000
const CACHE_ENTRIES = 1_000
// 0.001° of latitude is 111 m; of longitude, less away from the equator.
const BUCKET_DEGREES = 0.001

export interface RoutePlanner {
  /** The driver's open stops in route order; undefined when there is no such driver. */
  plan(driverId: string, now: Date): Promise<DriverRoute | undefined>
}

/** Plans routes on `deps`' data, by road through `routing` when there is one. */
export function createRoutePlanner(
  deps: Pick<ApiDeps, 'sql' | 'locations'>,
  routing: RoadRouting | undefined,
): RoutePlanner {
  const cache = new BoundedMap<string, { route: DriverRoute; at: number }>(CACHE_ENTRIES)

  return {
    async plan(driverId, now) {
      const found = await findDriverParcels(deps.sql, driverId)
      if (!found) return undefined
      const fix = await deps.locations.store.latest(driverId).catch((error: unknown) => {
        logger.warn({ err: error }, 'driver position unreadable; route planned without it')
        return undefined
      })
      const start = fix ? { lat: fix.lat, lng: fix.lng } : null
      const key = cacheKey(driverId, found.parcels, start)
      const cached = cache.get(key)
      if (cached && now.getTime() - cached.at < CACHE_MS) return cached.route

      const stops = routeStops(found.parcels.map(toRouteParcel))
      const points = [...(start ? [start] : []), ...stops.map((stop) => stop.place)]
      const road = await roadDistances(routing, points)
      const planned = planRoute({
        start,
        stops,
        distancesM: road ?? straightDistances(points),
        detour: road ? 1 : DETOUR_FACTOR,
        speedMps: typicalSpeedMps(found.vehicleType),
        now,
      })
      // Nothing to drive to, nothing to draw: a lone point is no line.
      const through =
        planned.length === 0 ? [] : [...(start ? [start] : []), ...planned.map((s) => s.place)]
      const route: DriverRoute = {
        driverId,
        start: fix ? { ...start!, recordedAt: fix.recordedAt.toISOString() } : null,
        distanceSource: road ? 'road' : 'straight',
        totalDistanceM: planned.reduce((sum, stop) => sum + stop.legDistanceM, 0),
        stops: planned.map((stop) => ({
          shipmentId: stop.parcel.shipmentId,
          trackingNumber: stop.parcel.trackingNumber,
          kind: stop.kind,
          lat: stop.place.lat,
          lng: stop.place.lng,
          name: stop.place.name,
          address: stop.place.address,
          legDistanceM: stop.legDistanceM,
          arrivalAt: stop.arrivalAt?.toISOString() ?? null,
          late: stop.late,
        })),
        line: {
          type: 'LineString',
          coordinates: road ? await roadLine(routing!, through) : through.map(lngLat),
        },
        computedAt: now.toISOString(),
      }
      cache.set(key, { route, at: now.getTime() })
      return route
    },
  }
}

function cacheKey(driverId: string, parcels: readonly OpenParcel[], start: LatLng | null) {
  const bucket = (degrees: number) => Math.round(degrees / BUCKET_DEGREES)
  const where = start ? `${bucket(start.lat)},${bucket(start.lng)}` : 'nowhere'
  return `${driverId}|${where}|${parcels.map((p) => `${p.id}:${p.version}`).join(',')}`
}

function toRouteParcel(parcel: OpenParcel): RouteParcel {
  return {
    shipmentId: parcel.id,
    trackingNumber: parcel.trackingNumber,
    pickup: parcel.toCollect
      ? {
          lat: parcel.senderLat,
          lng: parcel.senderLng,
          name: parcel.senderName,
          address: parcel.senderAddress,
        }
      : null,
    dropoff: {
      lat: parcel.receiverLat,
      lng: parcel.receiverLng,
      name: parcel.receiverName,
      address: parcel.receiverAddress,
    },
    window: null,
  }
}

const lngLat = (point: LatLng): [number, number] => [point.lng, point.lat]

function straightDistances(points: readonly LatLng[]): number[][] {
  return points.map((from) => points.map((to) => distanceMeters(from, to)))
}

/** Road distances, or undefined (straight lines, then) when there is no service or no answer. */
async function roadDistances(routing: RoadRouting | undefined, points: readonly LatLng[]) {
  if (!routing || points.length < 2 || points.length > MAX_ROAD_POINTS) return undefined
  return routing.distances(points).catch((error: unknown) => {
    logger.warn({ err: error }, 'routing service unavailable; straight lines instead')
    return undefined
  })
}

/** The road line, or straight segments if the service fails between the two calls. */
async function roadLine(routing: RoadRouting, through: readonly LatLng[]) {
  return routing.line(through).catch((error: unknown) => {
    logger.warn({ err: error }, 'routing service gave no line; straight segments instead')
    return through.map(lngLat)
  })
}
