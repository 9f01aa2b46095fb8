import type { WebhookSettings } from '../../models/webhook-settings'
import { formatDateTime } from '../../ui/format'
import { eventLabel } from './event-labels'

const STATUS_LABEL = { pending: 'Pending', succeeded: 'Delivered', failed: 'Failing' } as const

/** The open endpoint's deliveries, newest first, each with its attempts and a replay. */
export function DeliveryLog({ settings }: { settings: WebhookSettings }) {
  const endpointId = settings.openLog.value
  const endpoint = settings.endpoints.value.find((e) => e.id === endpointId)
  if (!endpointId || !endpoint) return null
  const deliveries = settings.deliveries.value
  return (
    <section class="card" aria-labelledby="log-title">
      <h2 id="log-title">Deliveries to {endpoint.url}</h2>
      <p class="webhook-actions">
        <button type="button" class="button small" onClick={() => settings.load()}>
          Refresh
        </button>
        <button type="button" class="button small" onClick={() => settings.showLog(null)}>
          Close
        </button>
      </p>
      {deliveries.length === 0 && <p class="muted">Nothing sent to this endpoint yet.</p>}
      {deliveries.length > 0 && (
        <div class="table-scroll">
          <table class="webhook-log">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => {
                const last = delivery.attempts.at(-1)
                return (
                  <tr key={delivery.id} class={`delivery-${delivery.status}`}>
                    <td>{formatDateTime(delivery.createdAt)}</td>
                    <td>
                      {eventLabel(delivery.eventType)}
                      <br />
                      <code class="muted">{delivery.id}</code>
                    </td>
                    <td>{STATUS_LABEL[delivery.status]}</td>
                    <td>{delivery.attempts.length}</td>
                    <td>
                      {last?.responseStatus ?? '—'}
                      {last?.error && <span class="muted"> {last.error}</span>}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="button small"
                        disabled={settings.busy.value}
                        onClick={() => settings.replay(endpointId, delivery)}
                      >
                        Replay
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
