import type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventType,
} from '@dropmate/contracts/rest/webhooks'
import { signal } from '@preact/signals'
import { messageOf } from '../api/http'
import { authed } from './session'

export interface NewEndpoint {
  url: string
  description: string
  eventTypes: WebhookEventType[]
}

/** A secret just issued: shown until the admin says it is kept, and never again. */
export interface IssuedSecret {
  endpointId: string
  url: string
  secret: string
}

/**
 * The admins' webhook settings: the endpoints, the one secret being shown, and the delivery
 * log of the endpoint whose deliveries are open.
 */
export function createWebhookSettings() {
  const endpoints = signal<WebhookEndpoint[]>([])
  const issued = signal<IssuedSecret | null>(null)
  const error = signal<string | null>(null)
  const openLog = signal<string | null>(null)
  const deliveries = signal<WebhookDelivery[]>([])
  const busy = signal(false)

  /** Runs one action, its failure shown in the page's words, the list fresh after. */
  async function act(work: () => Promise<void>) {
    busy.value = true
    error.value = null
    try {
      await work()
      await load()
    } catch (failure) {
      error.value = messageOf(failure)
    } finally {
      busy.value = false
    }
  }

  async function load() {
    endpoints.value = (await authed<{ items: WebhookEndpoint[] }>('/api/webhooks')).items
    if (openLog.value) await loadLog(openLog.value)
  }

  async function loadLog(id: string) {
    const path = `/api/webhooks/${id}/deliveries`
    deliveries.value = (await authed<{ items: WebhookDelivery[] }>(path)).items
  }

  const reveal = (endpoint: WebhookEndpointWithSecret) => {
    issued.value = { endpointId: endpoint.id, url: endpoint.url, secret: endpoint.secret }
  }

  return {
    endpoints,
    issued,
    error,
    openLog,
    deliveries,
    busy,
    load: () => act(async () => {}),
    create: (input: NewEndpoint) =>
      act(async () => {
        reveal(await authed('/api/webhooks', { method: 'POST', json: input }))
      }),
    setEnabled: (endpoint: WebhookEndpoint, enabled: boolean) =>
      act(async () => {
        await authed(`/api/webhooks/${endpoint.id}`, { method: 'PATCH', json: { enabled } })
      }),
    rotate: (endpoint: WebhookEndpoint) =>
      act(async () => {
        reveal(await authed(`/api/webhooks/${endpoint.id}/secret`, { method: 'POST' }))
      }),
    remove: (endpoint: WebhookEndpoint) =>
      act(async () => {
        await authed(`/api/webhooks/${endpoint.id}`, { method: 'DELETE' })
        if (openLog.value === endpoint.id) openLog.value = null
      }),
    showLog: (endpoint: WebhookEndpoint | null) =>
      act(async () => {
        openLog.value = endpoint?.id ?? null
        deliveries.value = []
      }),
    replay: (endpointId: string, delivery: WebhookDelivery) =>
      act(async () => {
        const path = `/api/webhooks/${endpointId}/deliveries/${delivery.id}/replay`
        await authed<WebhookAttempt>(path, { method: 'POST' })
      }),
    /** The secret is kept elsewhere: it leaves the page for good. */
    forgetSecret: () => {
      issued.value = null
    },
  }
}

export type WebhookSettings = ReturnType<typeof createWebhookSettings>
