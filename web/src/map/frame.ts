/**
 * How the tracking map frames a parcel on its way. Measured on the demo: framing driver and
 * door together put a courier several kilometres out at zoom 13, where a bike at a city pace
 * crosses a third of a pixel a second and looks parked. So the door joins the frame only once
 * both fit at MIN_MOVING_ZOOM; until then the map follows the driver at street level.
 */

interface LatLng {
  lat: number
  lng: number
}

/** Street level, as navigation apps follow a vehicle: a courier at 20 km/h crosses ~6 px/s. */
export const FOLLOW_ZOOM = 17
/** The widest frame that still shows a courier at 20 km/h moving about 3 px/s. */
export const MIN_MOVING_ZOOM = 16

// Web Mercator (EPSG:3857) with 256-pixel tiles, as Leaflet and OpenStreetMap draw it.
const TILE_PX = 256
const EQUATOR_M = 40_075_016.686

/** Ground metres under one screen pixel at `lat` and `zoom`. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EQUATOR_M * Math.cos((lat * Math.PI) / 180)) / (TILE_PX * 2 ** zoom)
}

/** The point in world pixels at zoom 0. */
function project({ lat, lng }: LatLng) {
  const sin = Math.sin((lat * Math.PI) / 180)
  return {
    x: ((lng + 180) / 360) * TILE_PX,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE_PX,
  }
}

/** The deepest whole zoom at which `a` and `b` fit in `size` less `padding`, as fitBounds picks. */
function fitZoom(
  a: LatLng,
  b: LatLng,
  size: { width: number; height: number },
  padding: { x: number; y: number },
) {
  const [p, q] = [project(a), project(b)]
  const scale = Math.min(
    (size.width - padding.x) / Math.abs(p.x - q.x),
    (size.height - padding.y) / Math.abs(p.y - q.y),
  )
  return Math.floor(Math.log2(scale))
}

export type TrackingFrame = { fit: 'both' | 'driver'; zoom: number }

/**
 * Driver and door together when that keeps the driver visibly moving, else the driver alone
 * at street level; never closer than FOLLOW_ZOOM.
 *
 * @example
 * trackingFrame(nearTheShop, belem, { width: 358, height: 300 }, { x: 90, y: 120 })
 * // { fit: 'driver', zoom: 17 }
 */
export function trackingFrame(
  driver: LatLng,
  door: LatLng,
  size: { width: number; height: number },
  padding: { x: number; y: number },
): TrackingFrame {
  const zoom = Math.min(FOLLOW_ZOOM, fitZoom(driver, door, size, padding))
  return zoom >= MIN_MOVING_ZOOM ? { fit: 'both', zoom } : { fit: 'driver', zoom: FOLLOW_ZOOM }
}
