/** A point on the map, in WGS84 degrees. */
export interface LatLng {
  lat: number
  lng: number
}

/**
 * Web Mercator's limit, which Redis GEO shares (it refuses points beyond it): no road on
 * Earth lies further north or south, so neither a ping nor a search needs to.
 */
export const MAX_LATITUDE = 85.05112878

/**
 * Mean Earth radius (IUGG R1). Redis GEO computes with 6372797.560856 m; the two differ by
 * 0.028 %, a couple of metres over a delivery radius and well inside GPS error, so the memory
 * and Redis stores agree on who is nearby.
 */
const EARTH_RADIUS_M = 6_371_008.8

const RADIANS_PER_DEGREE = Math.PI / 180

/**
 * Great-circle distance by the haversine formula: a sphere is within 0.5 % of the WGS84
 * ellipsoid, plenty for ranking drivers, and needs no iteration.
 *
 * @example
 * distanceMeters({ lat: 38.7139, lng: -9.1394 }, { lat: 38.6916, lng: -9.216 }) // ≈ 7095
 */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RADIANS_PER_DEGREE
  const dLng = (b.lng - a.lng) * RADIANS_PER_DEGREE
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RADIANS_PER_DEGREE) *
      Math.cos(b.lat * RADIANS_PER_DEGREE) *
      Math.sin(dLng / 2) ** 2
  // Rounding can push h a hair above 1 for antipodal points, where asin would answer NaN.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)))
}
