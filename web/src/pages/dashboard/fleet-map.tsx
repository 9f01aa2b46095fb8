import { effect } from '@preact/signals'
import { availabilityOf } from '@dropmate/core/fleet'
import L from 'leaflet'
import { useEffect, useRef } from 'preact/hooks'
import { createBaseMap, pin, stopPin, syncMarkers } from '../../map/base-map'
import { MapLegend, type LegendEntry } from '../../map/legend'
import type { Dashboard } from '../../models/dashboard'
import { navigate } from '../../router'
import { STATUS_LABEL } from '../../ui/format'

// A driver not heard from for this long is drawn grey: the position may be out of date.
const STALE_MS = 5 * 60_000

const LEGEND: LegendEntry[] = [
  { pin: 'pin-driver', label: 'Driver, available' },
  { pin: 'pin-driver busy', label: 'Driver, busy' },
  { pin: 'pin-driver-stale', label: 'Driver, not heard from lately' },
  { pin: 'pin-dropoff status-pending', label: 'Drop-off, waiting for a driver' },
  { pin: 'pin-dropoff status-assigned', label: 'Drop-off, assigned' },
  { pin: 'pin-dropoff status-in_transit', label: 'Drop-off, picked up or on its way' },
  { pin: 'pin-dropoff status-failed', label: 'Drop-off, failed attempt' },
  { pin: 'pin-pickup', label: 'Pickup of the open shipment' },
  { line: 'dashed', label: 'Driver on the way to the door' },
]

const ROUTE_LEGEND: LegendEntry[] = [
  { pin: 'pin-stop pin-stop-pickup', label: 'Route stop: collect' },
  { pin: 'pin-stop', label: 'Route stop: deliver' },
  { line: 'route', label: "The driver's route, in stop order" },
]

/**
 * The live map: on-duty drivers, open shipments' drop-offs, the route of each delivery in
 * transit, and the selected shipment's pickup. One effect per layer; markers move in place.
 */
export function FleetMap({ dashboard }: { dashboard: Dashboard }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => mountFleetMap(box.current!, dashboard), [])
  const picking = dashboard.form.value?.picking.value
  return (
    <section class="dash-map" aria-label="Live map">
      {picking && (
        <p class="map-hint" role="status">
          Click the map to set the {picking === 'pickup' ? 'pickup' : 'drop-off'} point.
        </p>
      )}
      <div ref={box} class={`map-box${picking ? ' picking' : ''}`} />
      <MapLegend entries={dashboard.route.driverId.value ? [...LEGEND, ...ROUTE_LEGEND] : LEGEND} />
    </section>
  )
}

function mountFleetMap(element: HTMLElement, dashboard: Dashboard) {
  const { fleet, config } = dashboard
  const map = createBaseMap(element, config)
  const routes = L.layerGroup().addTo(map)
  const driverRoute = L.layerGroup().addTo(map)
  const shipments = L.layerGroup().addTo(map)
  const drivers = L.layerGroup().addTo(map)
  const form = L.layerGroup().addTo(map)
  const driverMarkers = new Map<string, L.Marker>()
  const shipmentMarkers = new Map<string, L.Marker>()
  const formMarkers = new Map<string, L.Marker>()

  const select = (id: string) => {
    navigate(`/shipments/${id}`)
    dashboard.side.value = 'detail'
  }
  const focusDriver = (id: string) => {
    dashboard.focusDriverId.value = id
    dashboard.side.value = 'drivers'
  }

  const stops = [
    // Drivers on duty where they last were.
    effect(() => {
      const now = Date.now()
      const known = fleet.byId.value
      const placed = [...fleet.positions.value].filter(
        ([id]) => known.get(id)?.dutyStatus !== 'offline',
      )
      syncMarkers(drivers, driverMarkers, placed, ([id, position]) => {
        const driver = known.get(id)
        const stale = now - Date.parse(position.recordedAt) > STALE_MS
        // Not heard from is grey whatever the load: the position is what is in doubt.
        const busy = !stale && driver !== undefined && availabilityOf(driver) === 'busy'
        return {
          key: id,
          lat: position.lat,
          lng: position.lng,
          icon: pin(stale ? 'driver-stale' : 'driver', { 'driver-id': id }, busy ? 'busy' : ''),
          iconKey: `${stale}${busy}`,
          title: `${driver?.name ?? 'Driver'}${busy ? ' (busy)' : ''}`,
          onClick: () => focusDriver(id),
        }
      })
    }),
    // Open shipments at their drop-off.
    effect(() => {
      const selected = dashboard.selectedId.value
      syncMarkers(shipments, shipmentMarkers, dashboard.active.value, (s) => ({
        key: s.id,
        lat: s.receiver.lat,
        lng: s.receiver.lng,
        icon: pin(
          'dropoff',
          { 'shipment-id': s.id },
          `status-${s.status}${s.id === selected ? ' selected' : ''}`,
        ),
        iconKey: `${s.status}${s.id === selected}`,
        title: `${s.trackingNumber}: ${STATUS_LABEL[s.status]}, to ${s.receiver.name}`,
        onClick: () => select(s.id),
      }))
    }),
    // Routes: each delivery in transit from its driver to the door; the open one from pickup.
    effect(() => {
      routes.clearLayers()
      const positions = fleet.positions.value
      for (const s of dashboard.active.value) {
        const driver = s.driverId ? positions.get(s.driverId) : undefined
        if (s.status === 'in_transit' && driver) {
          L.polyline(
            [
              [driver.lat, driver.lng],
              [s.receiver.lat, s.receiver.lng],
            ],
            { color: '#b45309', weight: 3, dashArray: '6 6', interactive: false },
          ).addTo(routes)
        }
      }
      const open = dashboard.selected.value
      if (open) {
        L.polyline(
          [
            [open.sender.lat, open.sender.lng],
            [open.receiver.lat, open.receiver.lng],
          ],
          { color: '#0f4c5c', weight: 3, opacity: 0.7, interactive: false },
        ).addTo(routes)
        L.marker([open.sender.lat, open.sender.lng], {
          icon: pin('pickup'),
          title: `Pickup: ${open.sender.name}`,
          alt: `Pickup: ${open.sender.name}`,
        }).addTo(routes)
      }
    }),
    // The chosen driver's route: its line, and its stops numbered in the order to drive them.
    effect(() => {
      driverRoute.clearLayers()
      const shown = dashboard.route.route.value
      if (!shown || shown.driverId !== dashboard.route.driverId.value) return
      const line = shown.line.coordinates.map(([lng, lat]): L.LatLngTuple => [lat, lng])
      L.polyline(line, { color: '#6d28d9', weight: 4, opacity: 0.8, interactive: false }).addTo(
        driverRoute,
      )
      shown.stops.forEach((stop, i) => {
        const title = `Stop ${i + 1}: ${stop.kind === 'pickup' ? 'collect' : 'deliver'} ${stop.trackingNumber}, ${stop.address}`
        L.marker([stop.lat, stop.lng], {
          icon: stopPin(i + 1, stop.kind, { 'shipment-id': stop.shipmentId }),
          title,
          alt: title,
          keyboard: true,
          // Above the drop-off pins they sit on.
          zIndexOffset: 1_000 + shown.stops.length - i,
        })
          .on('click', () => select(stop.shipmentId))
          .addTo(driverRoute)
      })
      const points = [...line, ...shown.stops.map((s): L.LatLngTuple => [s.lat, s.lng])]
      // Clear of the legend in the bottom-left corner where the map is wide enough to show it.
      const legendRoom = map.getSize().x > 600 ? 250 : 40
      if (points.length > 0) {
        map.fitBounds(L.latLngBounds(points), {
          paddingTopLeft: [legendRoom, 40],
          paddingBottomRight: [40, 40],
          maxZoom: 16,
        })
      }
    }),
    // The create form's points, and clicks that set them.
    effect(() => {
      const open = dashboard.form.value
      const points = open
        ? ([
            ['pickup', open.pickup.value],
            ['dropoff', open.dropoff.value],
          ] as const)
        : []
      syncMarkers(
        form,
        formMarkers,
        points.filter(([, p]) => p !== null),
        ([which, p]) => ({
          key: which,
          lat: p!.lat,
          lng: p!.lng,
          icon: pin(which === 'pickup' ? 'pickup' : 'dropoff', { point: which }, 'status-pending'),
          iconKey: which,
          title: which === 'pickup' ? 'New pickup' : 'New drop-off',
        }),
      )
    }),
    // A suggested address chosen in the form: its pin comes into view.
    effect(() => {
      const place = dashboard.form.value?.chosen.value
      if (place) map.panTo([place.lat, place.lng])
    }),
    // The opened shipment or driver comes into view.
    effect(() => {
      const open = dashboard.selected.value
      if (open) map.panTo([open.receiver.lat, open.receiver.lng])
    }),
    effect(() => {
      const id = dashboard.focusDriverId.value
      const position = id ? fleet.positions.peek().get(id) : undefined
      if (position) map.setView([position.lat, position.lng], Math.max(map.getZoom(), 15))
    }),
  ]

  map.on('click', (event: L.LeafletMouseEvent) => {
    const open = dashboard.form.peek()
    const which = open?.picking.peek()
    if (!open || !which) return
    void open.pointFromMap(which, event.latlng.lat, event.latlng.lng)
    // On a phone the form is another pane: go back to it.
    if (dashboard.pane.peek() === 'map') dashboard.pane.value = 'side'
  })

  // The first time there is something to show, show all of it; after that the user decides.
  let fitted = false
  const fit = effect(() => {
    if (!dashboard.mapReady.value) return
    const points: L.LatLngTuple[] = [
      ...[...fleet.positions.value.values()].map((p): L.LatLngTuple => [p.lat, p.lng]),
      ...dashboard.active.value.map((s): L.LatLngTuple => [s.receiver.lat, s.receiver.lng]),
    ]
    if (fitted || points.length === 0) return
    fitted = true
    map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 15 })
  })
  map.once('dragstart zoomstart', () => (fitted = true))

  return () => {
    fit()
    stops.forEach((stop) => stop())
    map.remove()
  }
}
