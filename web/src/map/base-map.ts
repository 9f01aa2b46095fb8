import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import type { AppConfig } from '../config'
import './map.css'

// After this many failed tiles and none loaded, the map says it shows positions only.
const TILE_FAILURES_SHOWN = 4

/**
 * A Leaflet map on `element` with the configured tiles. Without a reachable tile server (no
 * internet, a blocked host) markers and routes still draw, on a plain gridded background.
 */
export function createBaseMap(element: HTMLElement, config: AppConfig): L.Map {
  const map = L.map(element, { zoomControl: true, attributionControl: true })
  const { lat, lng, zoom } = config.mapCenter
  map.setView([lat, lng], zoom)
  let failures = 0
  let loadedAny = false
  L.tileLayer(config.tiles.url, {
    attribution: config.tiles.attribution,
    maxZoom: config.tiles.maxZoom,
    // The API's pages send no Referer; OpenStreetMap's tile policy asks for one.
    referrerPolicy: 'strict-origin-when-cross-origin',
  })
    .on('tileload', () => {
      loadedAny = true
      element.classList.remove('tiles-unavailable')
    })
    .on('tileerror', () => {
      if (++failures >= TILE_FAILURES_SHOWN && !loadedAny)
        element.classList.add('tiles-unavailable')
    })
    .addTo(map)
  // The map's box changes with the layout (panels, phone rotation): Leaflet must re-measure.
  const resize = new ResizeObserver(() => map.invalidateSize())
  resize.observe(element)
  map.on('unload', () => resize.disconnect())
  return map
}

export type PinKind = 'driver' | 'driver-stale' | 'pickup' | 'dropoff' | 'home' | 'me'

/** A marker icon drawn by CSS (no image files to 404); `data-*` name what it stands for. */
export function pin(kind: PinKind, data: Record<string, string> = {}, extraClass = ''): L.DivIcon {
  const attributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('')
  return L.divIcon({
    className: `pin pin-${kind} ${extraClass}`.trim(),
    html: `<span class="pin-shape"${attributes}></span>`,
    iconSize: kind.startsWith('driver') || kind === 'me' ? [22, 22] : [18, 18],
  })
}

/** A numbered stop of a driver's route: green to collect, violet to deliver. */
export function stopPin(n: number, kind: 'pickup' | 'dropoff', data: Record<string, string> = {}) {
  const attributes = Object.entries({ ...data, n: String(n), kind })
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('')
  return L.divIcon({
    className: `pin pin-stop pin-stop-${kind}`,
    html: `<span class="pin-shape"${attributes}>${n}</span>`,
    iconSize: [24, 24],
  })
}

function escapeAttribute(value: string) {
  return value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * Keeps one marker per key in `layer` in step with `items`: new ones added, gone ones
 * removed, the rest moved (not re-created, so they glide and keep focus).
 */
export function syncMarkers<T>(
  layer: L.LayerGroup,
  markers: Map<string, L.Marker>,
  items: Iterable<T>,
  describe: (item: T) => {
    key: string
    lat: number
    lng: number
    icon: L.DivIcon
    iconKey: string
    title: string
    onClick?: () => void
  },
) {
  const seen = new Set<string>()
  for (const item of items) {
    const { key, lat, lng, icon, iconKey, title, onClick } = describe(item)
    seen.add(key)
    let marker = markers.get(key)
    if (!marker) {
      marker = L.marker([lat, lng], { icon, title, alt: title, keyboard: Boolean(onClick) })
      if (onClick) marker.on('click', onClick)
      marker.addTo(layer)
      markers.set(key, marker)
      ;(marker as L.Marker & { iconKey?: string }).iconKey = iconKey
      continue
    }
    marker.setLatLng([lat, lng])
    const tagged = marker as L.Marker & { iconKey?: string }
    if (tagged.iconKey !== iconKey) {
      marker.setIcon(icon)
      tagged.iconKey = iconKey
    }
    marker.getElement()?.setAttribute('title', title)
  }
  for (const [key, marker] of markers) {
    if (!seen.has(key)) {
      layer.removeLayer(marker)
      markers.delete(key)
    }
  }
}
