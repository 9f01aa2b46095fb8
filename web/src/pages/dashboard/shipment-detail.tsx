import { useEffect, useState } from 'preact/hooks'
import type { Dashboard } from '../../models/dashboard'
import { createShipmentDetail } from '../../models/shipment-detail'
import { navigate } from '../../router'
import { formatDateTime } from '../../ui/format'
import { ErrorNote, Spinner, StatusChip } from '../../ui/widgets'
import { AssignDriver } from './assign-driver'
import { CancelShipment } from './cancel-shipment'
import { EditShipment } from './edit-shipment'
import { SlotFlag } from './slot-flag'
import { formatSlot } from '../../ui/shop-clock'
import { PrintLabel } from './label-printing'
import { ShipmentProof } from './shipment-proof'
import { ShipmentTimeline } from './shipment-timeline'

/** `/shipments/:id` beside the list: the parties, the driver, the timeline and what comes next. */
export function ShipmentDetailPanel({ dashboard, id }: { dashboard: Dashboard; id: string }) {
  const [detail] = useState(() => createShipmentDetail(dashboard, id))
  useEffect(() => detail.dispose, [])
  const shipment = dashboard.store.byId.value.get(id)
  if (!shipment) {
    if (detail.shipmentError.value) {
      return <ErrorNote message={detail.shipmentError.value} onRetry={detail.loadShipment} />
    }
    return <Spinner label="Loading the shipment" />
  }
  const driver = shipment.driverId ? dashboard.fleet.byId.value.get(shipment.driverId) : null
  const trackUrl = `/track/${encodeURIComponent(shipment.trackingNumber)}`
  const { timeZone } = dashboard.config
  const editable = shipment.status === 'pending' || shipment.status === 'assigned'
  return (
    <article class="detail" aria-labelledby="detail-title">
      <div class="detail-head">
        <h2 id="detail-title" class="mono">
          {shipment.trackingNumber}
        </h2>
        <StatusChip status={shipment.status} />
        <SlotFlag shipment={shipment} now={dashboard.now.value} />
        <button
          class="button small"
          type="button"
          aria-label="Close the shipment"
          onClick={() => navigate('/')}
        >
          Close
        </button>
      </div>
      <p class="meta">
        <a href={trackUrl} target="_blank" rel="noopener">
          Public tracking page
        </a>
        {shipment.reference && ` · Ref. ${shipment.reference}`}
      </p>
      <PrintLabel labels={dashboard.labels} shipment={shipment} />
      <dl class="kv">
        <dt>To</dt>
        <dd>
          {shipment.receiver.name}
          {shipment.receiver.phone && (
            <>
              {' · '}
              <a href={`tel:${shipment.receiver.phone}`}>{shipment.receiver.phone}</a>
            </>
          )}
          <br />
          <span class="meta">{shipment.receiver.address}</span>
        </dd>
        <dt>From</dt>
        <dd>
          {shipment.sender.name}
          <br />
          <span class="meta">{shipment.sender.address}</span>
        </dd>
        {(shipment.package.description || shipment.package.weightKg) && (
          <>
            <dt>Parcel</dt>
            <dd>
              {[
                shipment.package.description,
                shipment.package.weightKg && `${shipment.package.weightKg} kg`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
        <dt>Slot</dt>
        <dd>
          {shipment.deliveryWindow
            ? `${formatSlot(shipment.deliveryWindow, timeZone)} (${timeZone})`
            : 'None promised'}
        </dd>
        {shipment.notes && (
          <>
            <dt>Notes</dt>
            <dd>{shipment.notes}</dd>
          </>
        )}
        <dt>Driver</dt>
        <dd>{driver ? driver.name : shipment.driverId ? 'Assigned' : 'None yet'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(shipment.createdAt)}</dd>
        {shipment.cancellationReason && (
          <>
            <dt>Reason</dt>
            <dd>{shipment.cancellationReason}</dd>
          </>
        )}
      </dl>
      {editable && <EditShipment detail={detail} shipment={shipment} timeZone={timeZone} />}
      {editable && <AssignDriver dashboard={dashboard} detail={detail} shipment={shipment} />}
      {detail.actionError.value && <ErrorNote message={detail.actionError.value} />}
      <ShipmentProof shipment={shipment} />
      <h3>Timeline</h3>
      <ShipmentTimeline detail={detail} />
      {editable && <CancelShipment detail={detail} />}
    </article>
  )
}
