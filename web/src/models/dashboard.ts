import { isTerminal, SHIPMENT_STATUSES } from '@dropmate/core/status-machine'
import { computed, signal } from '@preact/signals'
import type { Shipment, ShipmentPage } from '@dropmate/contracts/rest'
import { fromFleetRow } from '@dropmate/contracts/sockets'
import type { AppConfig } from '../config'
import { createRouteModel } from './driver-route'
import { createFleet } from './fleet'
import { createLabelPrinting } from './labels'
import type { NewShipmentForm } from './new-shipment'
import { connectApp } from './live'
import { accessToken, authed } from './session'
import { createShipmentList } from './shipment-list'
import { createShipmentStore } from './shipment-store'

export type Dashboard = ReturnType<typeof createDashboard>
export type SidePanel = 'drivers' | 'detail' | 'create'
/** On a phone one pane shows at a time. */
export type Pane = 'list' | 'map' | 'side'

// Every status a shipment can still leave: the dashboard's working set.
const ACTIVE = SHIPMENT_STATUSES.filter((status) => !isTerminal(status)).join(',')
// Beyond this many open shipments the map shows the newest; a shop has far fewer.
const ACTIVE_PAGES = 5

/**
 * Everything the dispatcher dashboard shows, and the live connection that keeps it current:
 * socket events patch the store, the list and the fleet; the views only read.
 */
export function createDashboard(config: AppConfig) {
  const store = createShipmentStore()
  const list = createShipmentList(store)
  const fleet = createFleet()
  const labels = createLabelPrinting()
  const side = signal<SidePanel>('drivers')
  const pane = signal<Pane>('list')
  const selectedId = signal<string | null>(null)
  const focusDriverId = signal<string | null>(null)
  /** The driver whose stops the map numbers and joins with their route line, if any. */
  const route = createRouteModel(null)
  /** The create-shipment form while it is open: the map sets its points. */
  const form = signal<NewShipmentForm | null>(null)
  const selected = computed(() =>
    selectedId.value ? (store.byId.value.get(selectedId.value) ?? null) : null,
  )
  const active = computed(() => [...store.byId.value.values()].filter((s) => !isTerminal(s.status)))

  const loadActive = async () => {
    let cursor: string | null = null
    for (let page = 0; page < ACTIVE_PAGES; page++) {
      const params = new URLSearchParams({ status: ACTIVE, limit: '100' })
      if (cursor) params.set('cursor', cursor)
      const answer: ShipmentPage = await authed<ShipmentPage>(`/api/shipments?${params}`)
      store.put(answer.items)
      cursor = answer.nextCursor
      if (!cursor) break
    }
  }

  const fetchShipment = async (id: string) => {
    const shipment = await authed<Shipment>(`/api/shipments/${id}`)
    store.put([shipment])
    list.noticeNew(shipment)
  }

  /** The time, to the half minute: slots pass while the page stays open. */
  const now = signal(Date.now())
  const ticking = setInterval(() => (now.value = Date.now()), 30_000)

  /** True once open shipments and driver positions have loaded (or failed to): the map fits them. */
  const mapReady = signal(false)

  const loadAll = () => {
    void list.load()
    void fleet.load()
    void Promise.allSettled([loadActive(), fleet.loadPositions()]).then(
      () => (mapReady.value = true),
    )
  }

  const live = connectApp(accessToken, { onResync: loadAll })
  // A change to a parcel of the driver whose route is shown, or one taken from them.
  const touchesRoute = (shipmentId: string, driverId: string | null) =>
    route.driverId.peek() !== null &&
    (driverId === route.driverId.peek() ||
      route.route.peek()?.stops.some((stop) => stop.shipmentId === shipmentId))
  live.socket.on('shipment_updated', (update) => {
    if (touchesRoute(update.shipmentId, update.driverId)) route.reloadSoon()
    const known = store.byId.peek().get(update.shipmentId)
    // A newer version in the same hands and status is an edit or an at-risk mark, which
    // the event does not carry: reread the shipment.
    const quiet =
      known &&
      known.version < update.version &&
      known.status === update.status &&
      known.driverId === update.driverId
    if (quiet) void fetchShipment(update.shipmentId)
    else if (!store.apply(update) && !isTerminal(update.status)) {
      void fetchShipment(update.shipmentId)
    }
    list.onUpdate(update)
    if (update.driverId) fleet.reloadSoon()
  })
  live.socket.on('shipment_assigned', (assignment) => {
    if (touchesRoute(assignment.shipmentId, assignment.driverId)) route.reloadSoon()
    if (!store.apply(assignment)) void fetchShipment(assignment.shipmentId)
    fleet.reloadSoon()
  })
  live.socket.on('fleet_positions', ({ positions }) =>
    fleet.applyPositions(positions.map(fromFleetRow)),
  )
  live.socket.on('driver_status_changed', (change) => fleet.applyDutyChange(change))

  loadAll()

  return {
    config,
    store,
    list,
    fleet,
    labels,
    live,
    side,
    pane,
    selectedId,
    selected,
    focusDriverId,
    route,
    form,
    active,
    mapReady,
    now,
    fetchShipment,
    dispose() {
      clearInterval(ticking)
      live.close()
      route.dispose()
      list.dispose()
      fleet.dispose()
    },
  }
}
