import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@dropmate/contracts/webhook-event-types'
import { useState } from 'preact/hooks'
import type { WebhookSettings } from '../../models/webhook-settings'
import { eventLabel } from './event-labels'

/** Registering an endpoint: where to, which events, and a note for whoever reads the list. */
export function NewEndpointForm({ settings }: { settings: WebhookSettings }) {
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [types, setTypes] = useState<WebhookEventType[]>([])
  const toggle = (type: WebhookEventType, on: boolean) =>
    setTypes(on ? [...types, type] : types.filter((t) => t !== type))
  return (
    <section class="card" aria-labelledby="new-endpoint-title">
      <h2 id="new-endpoint-title">Add an endpoint</h2>
      <form
        class="webhook-form"
        onSubmit={async (e) => {
          e.preventDefault()
          await settings.create({ url, description, eventTypes: types })
          if (!settings.error.value) {
            setUrl('')
            setDescription('')
            setTypes([])
          }
        }}
      >
        <label>
          URL
          <input
            type="url"
            required
            placeholder="https://erp.example.com/dropmate"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <label>
          Description
          <input
            type="text"
            maxLength={500}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label class="checkbox" key={type}>
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => toggle(type, e.currentTarget.checked)}
              />
              {eventLabel(type)}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          class="button primary"
          disabled={settings.busy.value || types.length === 0}
        >
          Add endpoint
        </button>
      </form>
    </section>
  )
}
