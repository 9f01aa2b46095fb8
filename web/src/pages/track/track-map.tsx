import { effect, signal, type Signal } from '@preact/signals'
import L from 'leaflet'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { TrackingView } from '@dropmate/contracts/rest'
import { appConfig } from '../../config'
import { createBaseMap, pin } from '../../map/base-map'
import { trackingFrame } from '../../map/frame'
import { MapLegend, type LegendEntry } from '../../map/legend'

const DOOR: LegendEntry = { pin: 'pin-home', label: 'Delivery area' }
const ON_THE_WAY: LegendEntry[] = [
  { pin: 'pin-driver', label: 'Your driver' },
  DOOR,
  { line: 'dashed', label: 'Straight line to the delivery area' },
]
// Clear of the zoom buttons above and the legend and attribution below.
const PADDING_TOP_LEFT: L.PointTuple = [50, 50]
const PADDING_BOTTOM_RIGHT: L.PointTuple = [40, 70]

/** The destination area and, while the parcel is on its way, the driver moving towards it. */
export default function TrackMap({ view }: { view: TrackingView }) {
  const box = useRef<HTMLDivElement>(null)
  const [current] = useState(() => signal(view))
  current.value = view
  useEffect(() => {
    let unmount: (() => void) | undefined
    let gone = false
    void appConfig().then((config) => {
      if (!gone && box.current) unmount = mountTrackMap(box.current, config, current)
    })
    return () => {
      gone = true
      unmount?.()
    }
  }, [])
  return (
    <div class="track-map" role="region" aria-label="Map of the delivery">
      <div ref={box} class="map-box" />
      <MapLegend entries={view.driverPosition ? ON_THE_WAY : [DOOR]} />
    </div>
  )
}

function mountTrackMap(
  element: HTMLElement,
  config: Parameters<typeof createBaseMap>[1],
  view: Signal<TrackingView>,
) {
  const map = createBaseMap(element, config)
  const { lat, lng } = view.peek().destination
  // The destination is an area, not the door: it never moves.
  L.marker([lat, lng], { icon: pin('home'), title: 'Delivery area', alt: 'Delivery area' }).addTo(
    map,
  )
  map.setView([lat, lng], 15)

  let driver: L.Marker | null = null
  const line = L.polyline([], {
    color: '#b45309',
    weight: 3,
    dashArray: '6 6',
    interactive: false,
  })
  let moved = false
  map.on('dragstart', () => (moved = true))
  // The driver stays in view, close enough to be seen moving, unless the reader has moved the
  // map themselves; the door joins the frame once the driver is near enough (map/frame.ts).
  const keepInView = () => {
    const at = driver?.getLatLng()
    if (!at || moved || map.getBounds().pad(-0.15).contains(at)) return
    const { destination } = view.peek()
    const size = map.getSize()
    const padding = {
      x: PADDING_TOP_LEFT[0] + PADDING_BOTTOM_RIGHT[0],
      y: PADDING_TOP_LEFT[1] + PADDING_BOTTOM_RIGHT[1],
    }
    const frame = trackingFrame(at, destination, { width: size.x, height: size.y }, padding)
    if (frame.fit === 'driver') map.setView(at, frame.zoom)
    else {
      map.fitBounds(L.latLngBounds([at, [destination.lat, destination.lng]]), {
        paddingTopLeft: PADDING_TOP_LEFT,
        paddingBottomRight: PADDING_BOTTOM_RIGHT,
        maxZoom: frame.zoom,
      })
    }
  }
  map.on('resize', keepInView)
  const stop = effect(() => {
    const { driverPosition, destination } = view.value
    if (!driverPosition) {
      if (driver) map.setView([destination.lat, destination.lng], 15)
      driver?.remove()
      line.remove()
      driver = null
      return
    }
    const at: L.LatLngTuple = [driverPosition.lat, driverPosition.lng]
    line.setLatLngs([at, [destination.lat, destination.lng]]).addTo(map)
    if (driver) driver.setLatLng(at)
    else {
      driver = L.marker(at, {
        icon: pin('driver', { role: 'driver' }),
        title: 'Your driver',
        alt: 'Your driver',
      }).addTo(map)
    }
    keepInView()
  })
  return () => {
    stop()
    map.remove()
  }
}
