import { useEffect, useState } from 'preact/hooks'
import type { Shipment } from '@dropmate/contracts/rest'
import { createMyShipments, type MyShipments } from '../../models/my-shipments'
import { formatDateTime, PUBLIC_STATUS } from '../../ui/format'
import { Topbar } from '../../ui/topbar'
import { Empty, ErrorNote, Spinner, StatusChip } from '../../ui/widgets'
import './customer.css'

/** `/` and `/shipments/:id` for customers: their own parcels only. */
export default function CustomerPage({ shipmentId }: { shipmentId: string | null }) {
  const [mine] = useState(() => createMyShipments())
  useEffect(() => mine.dispose, [])
  useEffect(() => {
    document.title = 'My parcels · DropMate'
    void mine.show(shipmentId)
  }, [shipmentId])
  return (
    <div class="customer-page">
      <Topbar link={mine.link} />
      <main class="customer-main">
        {shipmentId ? <Detail mine={mine} /> : <List mine={mine} />}
      </main>
    </div>
  )
}

function List({ mine }: { mine: MyShipments }) {
  const items = mine.items.value
  return (
    <section aria-labelledby="mine-title">
      <h1 id="mine-title">My parcels</h1>
      {mine.error.value ? (
        <ErrorNote message={mine.error.value} onRetry={mine.load} />
      ) : items === null ? (
        <Spinner label="Loading your parcels" />
      ) : items.length === 0 ? (
        <Empty>You have no parcels yet.</Empty>
      ) : (
        <ul class="parcels">
          {items.map((s) => (
            <li key={s.id}>
              <a class="card parcel" href={`/shipments/${s.id}`}>
                <span class="parcel-top">
                  <span class="mono">{s.trackingNumber}</span>
                  <StatusChip status={s.status} label={PUBLIC_STATUS[s.status]} />
                </span>
                <span>To {s.receiver.name}</span>
                <span class="meta">
                  {s.receiver.address} · ordered {formatDateTime(s.createdAt)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Detail({ mine }: { mine: MyShipments }) {
  const back = (
    <p>
      <a href="/">← All my parcels</a>
    </p>
  )
  switch (mine.openState.value) {
    case 'loading':
      return <Spinner label="Loading the parcel" />
    case 'not_found':
      return (
        <section class="card" role="alert">
          <h1>Parcel not found</h1>
          <p>There is no parcel of yours with this link.</p>
          {back}
        </section>
      )
    case 'error':
      return (
        <>
          <ErrorNote message={mine.openError.value ?? ''} />
          {back}
        </>
      )
  }
  const shipment = mine.open.value
  if (!shipment) return null
  return <ParcelDetail shipment={shipment} mine={mine} back={back} />
}

function ParcelDetail({
  shipment,
  mine,
  back,
}: {
  shipment: Shipment
  mine: MyShipments
  back: preact.JSX.Element
}) {
  const events = mine.openEvents.value ?? []
  return (
    <article class="card" aria-labelledby="parcel-title">
      {back}
      <h1 id="parcel-title">{PUBLIC_STATUS[shipment.status]}</h1>
      <p class="meta">
        Tracking number <span class="mono">{shipment.trackingNumber}</span> ·{' '}
        <a href={`/track/${encodeURIComponent(shipment.trackingNumber)}`}>Live tracking page</a>
      </p>
      <dl class="kv">
        <dt>To</dt>
        <dd>
          {shipment.receiver.name}
          <br />
          <span class="meta">{shipment.receiver.address}</span>
        </dd>
        <dt>From</dt>
        <dd>{shipment.sender.name}</dd>
        {shipment.package.description && (
          <>
            <dt>Parcel</dt>
            <dd>{shipment.package.description}</dd>
          </>
        )}
      </dl>
      <h2>History</h2>
      <ol class="timeline">
        {[...events].reverse().map((event) => (
          <li key={event.id}>
            <strong>{event.toStatus ? PUBLIC_STATUS[event.toStatus] : 'Update'}</strong>
            {event.note && <div>{event.note}</div>}
            <span class="when">{formatDateTime(event.occurredAt)}</span>
          </li>
        ))}
      </ol>
    </article>
  )
}
