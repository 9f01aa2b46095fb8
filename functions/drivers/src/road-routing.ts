import type { LatLng } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

/** Distances and lines by road, from a routing service. */
export interface RoadRouting {
  /** Metres by road from each point to each other, as a matrix. */
  distances(points: readonly LatLng[]): Promise<number[][]>
  /** The road line through the points in order, as GeoJSON [lng, lat] pairs. */
  line(points: readonly LatLng[]): Promise<Array<[number, number]>>
}

/** OSRM's table service refuses more points than this by default (--max-table-size). */
export const MAX_ROAD_POINTS = 100

const TableAnswer = z.object({
  code: z.literal('Ok'),
  // OSRM answers null for a pair no road joins.
  distances: z.array(z.array(z.number().nullable())),
})

const RouteAnswer = z.object({
  code: z.literal('Ok'),
  routes: z
    .array(
      z.object({
        geometry: z.object({
          type: z.literal('LineString'),
          coordinates: z.array(z.tuple([z.number(), z.number()])),
        }),
      }),
    )
    .min(1),
})

export class RoutingUnavailable extends Error {
  override name = 'RoutingUnavailable'
}

/**
 * A client of an OSRM-compatible HTTP API (osrm-backend's `table` and `route` services,
 * v1, the `driving` profile; a server runs the profile it was built with whatever the URL
 * names). Anything but a well-formed `Ok` within `timeoutMs` is RoutingUnavailable, so the
 * caller can fall back to straight lines.
 *
 * @example
 * const routing = createOsrmRouting('http://osrm:5000', { timeoutMs: 2_000 })
 * await routing.distances([shop, door]) // [[0, 1840], [1912, 0]]
 */
export function createOsrmRouting(baseUrl: string, options: { timeoutMs: number }): RoadRouting {
  const ask = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    let response: Response
    try {
      response = await fetch(`${baseUrl}${path}`, {
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { accept: 'application/json' },
      })
    } catch (error) {
      throw new RoutingUnavailable('routing service unreachable', { cause: error })
    }
    const parsed = schema.safeParse(await response.json().catch(() => null))
    if (!response.ok || !parsed.success) {
      throw new RoutingUnavailable(`routing service answered ${response.status}`)
    }
    return parsed.data
  }
  // OSRM takes lng,lat pairs joined by semicolons.
  const coordinates = (points: readonly LatLng[]) =>
    points.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';')

  return {
    async distances(points) {
      const answer = await ask(
        `/table/v1/driving/${coordinates(points)}?annotations=distance`,
        TableAnswer,
      )
      if (answer.distances.some((row) => row.some((metres) => metres === null))) {
        throw new RoutingUnavailable('no road between some of the stops')
      }
      return answer.distances as number[][]
    },
    async line(points) {
      const answer = await ask(
        `/route/v1/driving/${coordinates(points)}?overview=full&geometries=geojson&steps=false`,
        RouteAnswer,
      )
      return answer.routes[0]!.geometry.coordinates
    },
  }
}
