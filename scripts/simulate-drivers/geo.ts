import type { LatLng } from '@dropmate/core'

/** A point on a flat local map, in metres east (x) and north (y) of an origin. */
export interface Point {
  x: number
  y: number
}

// IUGG mean radius, as @dropmate/core's distanceMeters uses.
const EARTH_RADIUS_M = 6_371_008.8
const RADIANS = Math.PI / 180

/**
 * An equirectangular projection around `origin`. Across a city ten kilometres wide it is
 * within 0.1 % of the great-circle distance, far below GPS error, and it makes street
 * geometry plain vector arithmetic.
 *
 * @example
 * const map = localProjection({ lat: 38.73, lng: -9.15 })
 * map.toLatLng(map.toPoint({ lat: 38.71, lng: -9.14 })) // { lat: 38.71, lng: -9.14 }
 */
export function localProjection(origin: LatLng) {
  const metresPerLat = EARTH_RADIUS_M * RADIANS
  const metresPerLng = metresPerLat * Math.cos(origin.lat * RADIANS)
  return {
    toPoint: ({ lat, lng }: LatLng): Point => ({
      x: (lng - origin.lng) * metresPerLng,
      y: (lat - origin.lat) * metresPerLat,
    }),
    toLatLng: ({ x, y }: Point): LatLng => ({
      lat: origin.lat + y / metresPerLat,
      lng: origin.lng + x / metresPerLng,
    }),
  }
}

export const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y)

/** Compass heading from `a` towards `b`: 0 north, 90 east, in [0, 360). */
export function headingOf(a: Point, b: Point): number {
  const degrees = Math.atan2(b.x - a.x, b.y - a.y) / RADIANS
  return (degrees + 360) % 360
}

/** The smaller angle between two headings, in [0, 180]. */
export function turnAngle(from: number, to: number): number {
  const difference = Math.abs(from - to) % 360
  return difference > 180 ? 360 - difference : difference
}

export const lerp = (a: Point, b: Point, t: number): Point => ({
  x: a.x + (b.x - a.x) * t,
  y: a.y + (b.y - a.y) * t,
})

/** Even-odd ray casting; good for the simple, non-self-intersecting outlines used here. */
export function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!
    const b = polygon[j]!
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
      inside = !inside
    }
  }
  return inside
}
