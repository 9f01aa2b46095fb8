import type { WebhookSettings } from '../../models/webhook-settings'
import { eventLabel } from './event-labels'

/** The registered endpoints, each with what an admin does to it. */
export function EndpointList({ settings }: { settings: WebhookSettings }) {
  const endpoints = settings.endpoints.value
  const busy = settings.busy.value
  return (
    <section class="card" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">Endpoints</h2>
      {endpoints.length === 0 && <p class="muted">No endpoints yet.</p>}
      <ul class="webhook-endpoints">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} class="webhook-endpoint" data-enabled={endpoint.enabled}>
            <div class="webhook-endpoint-head">
              <strong class="webhook-url">{endpoint.url}</strong>
              <span class={endpoint.enabled ? 'webhook-on' : 'muted'}>
                {endpoint.enabled ? 'Enabled' : 'Disabled'}
              </span>
            </div>
            {endpoint.description && <p>{endpoint.description}</p>}
            <p class="muted">{endpoint.eventTypes.map(eventLabel).join(' · ')}</p>
            <p class="webhook-actions">
              <button
                type="button"
                class="button small"
                disabled={busy}
                onClick={() => settings.showLog(endpoint)}
              >
                Deliveries
              </button>
              <button
                type="button"
                class="button small"
                disabled={busy}
                onClick={() => settings.setEnabled(endpoint, !endpoint.enabled)}
              >
                {endpoint.enabled ? 'Disable' : 'Enable'}
              </button>
              <button
                type="button"
                class="button small"
                disabled={busy}
                onClick={() => settings.rotate(endpoint)}
              >
                Rotate secret
              </button>
              <button
                type="button"
                class="button small danger"
                disabled={busy}
                onClick={() => {
                  if (confirm(`Remove ${endpoint.url} and its delivery log?`)) {
                    void settings.remove(endpoint)
                  }
                }}
              >
                Remove
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}
