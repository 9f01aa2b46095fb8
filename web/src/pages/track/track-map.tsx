import { effect, signal, type Signal } from '@preact/signals'
import L from 'leaflet'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { TrackingView } from '@dropmate/contracts/rest'
import { appConfig } from '../../config'
import { createBaseMap, pin } from '../../map/base-map'

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
  let moved = false
  map.on('dragstart', () => (moved = true))
  // Driver and destination stay in view, unless the reader has moved the map themselves.
  const keepInView = () => {
    const at = driver?.getLatLng()
    if (!at || moved || map.getBounds().pad(-0.15).contains(at)) return
    const { destination } = view.peek()
    map.fitBounds(L.latLngBounds([at, [destination.lat, destination.lng]]), {
      // Clear of the zoom buttons above and the attribution below.
      paddingTopLeft: [50, 50],
      paddingBottomRight: [40, 70],
      maxZoom: 16,
    })
  }
  map.on('resize', keepInView)
  const stop = effect(() => {
    const { driverPosition, destination } = view.value
    if (!driverPosition) {
      if (driver) map.setView([destination.lat, destination.lng], 15)
      driver?.remove()
      driver = null
      return
    }
    const at: L.LatLngTuple = [driverPosition.lat, driverPosition.lng]
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
