import { useSignal, useSignalEffect } from '@preact/signals'
import { useEffect, useState } from 'preact/hooks'
import { appConfig, type AppConfig } from '../../config'
import { createDashboard, type Dashboard, type Pane } from '../../models/dashboard'
import { Topbar } from '../../ui/topbar'
import { Spinner } from '../../ui/widgets'
import './dashboard.css'
import { DriversPanel } from './drivers-panel'
import { FleetMap } from './fleet-map'
import { NewShipmentPanel } from './new-shipment'
import { ShipmentDetailPanel } from './shipment-detail'
import { ShipmentListPanel } from './shipment-list'

/** `/` for staff: shipments, the live map, and a side panel (drivers, a shipment, a new one). */
export default function DashboardPage({ shipmentId }: { shipmentId: string | null }) {
  const config = useSignal<AppConfig | null>(null)
  useEffect(() => {
    document.title = 'Dispatch · DropMate'
    void appConfig().then((c) => (config.value = c))
  }, [])
  if (!config.value) return <Spinner label="Opening the dashboard" />
  return <DashboardView config={config.value} shipmentId={shipmentId} />
}

function DashboardView({ config, shipmentId }: { config: AppConfig; shipmentId: string | null }) {
  const [dashboard] = useState(() => createDashboard(config))
  useEffect(() => () => dashboard.dispose(), [])
  // The address decides which shipment is open, so links and Back work.
  useEffect(() => {
    dashboard.selectedId.value = shipmentId
    if (shipmentId) {
      dashboard.side.value = 'detail'
      dashboard.pane.value = 'side'
    } else if (dashboard.side.peek() === 'detail') {
      dashboard.side.value = 'drivers'
    }
  }, [shipmentId])
  return (
    <div class="dash">
      <Topbar link={dashboard.live.state}>
        <span class="topbar-title">Dispatch</span>
      </Topbar>
      <PaneTabs dashboard={dashboard} />
      <div class="dash-main" data-pane={dashboard.pane.value}>
        <ShipmentListPanel dashboard={dashboard} />
        <FleetMap dashboard={dashboard} />
        <SidePanel dashboard={dashboard} />
      </div>
    </div>
  )
}

const PANES: Array<[Pane, string]> = [
  ['list', 'Shipments'],
  ['map', 'Map'],
  ['side', 'Panel'],
]

/** On a phone: one pane at a time, chosen here. */
function PaneTabs({ dashboard }: { dashboard: Dashboard }) {
  const sideLabel = { drivers: 'Drivers', detail: 'Shipment', create: 'New' }[dashboard.side.value]
  return (
    <nav class="pane-tabs" aria-label="Dashboard sections">
      {PANES.map(([pane, label]) => (
        <button
          key={pane}
          type="button"
          class="pane-tab"
          aria-pressed={dashboard.pane.value === pane}
          onClick={() => (dashboard.pane.value = pane)}
        >
          {pane === 'side' ? sideLabel : label}
        </button>
      ))}
    </nav>
  )
}

function SidePanel({ dashboard }: { dashboard: Dashboard }) {
  const side = dashboard.side.value
  const selected = dashboard.selectedId.value
  // Leaving the form stops any pick-on-map in progress.
  useSignalEffect(() => {
    if (dashboard.side.value !== 'create') dashboard.form.value = null
  })
  return (
    <aside class="dash-side" aria-label="Side panel">
      <div class="side-tabs" role="group" aria-label="Side panel content">
        <button
          type="button"
          class="side-tab"
          aria-pressed={side === 'drivers'}
          onClick={() => (dashboard.side.value = 'drivers')}
        >
          Drivers
        </button>
        {selected && (
          <button
            type="button"
            class="side-tab"
            aria-pressed={side === 'detail'}
            onClick={() => (dashboard.side.value = 'detail')}
          >
            Shipment
          </button>
        )}
        <button
          type="button"
          class="side-tab"
          aria-pressed={side === 'create'}
          onClick={() => (dashboard.side.value = 'create')}
        >
          New shipment
        </button>
      </div>
      <div class="side-body">
        {side === 'drivers' && <DriversPanel dashboard={dashboard} />}
        {side === 'detail' && selected && (
          <ShipmentDetailPanel key={selected} dashboard={dashboard} id={selected} />
        )}
        {side === 'create' && <NewShipmentPanel dashboard={dashboard} />}
      </div>
    </aside>
  )
}
