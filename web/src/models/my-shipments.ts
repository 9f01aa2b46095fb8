import { signal } from '@preact/signals'
import { ApiError, messageOf } from '../api/http'
import type { Shipment, ShipmentPage, TimelineEvent } from '@dropmate/contracts/rest'
import { connectApp } from './live'
import { accessToken, authed } from './session'

export type MyShipments = ReturnType<typeof createMyShipments>

/**
 * A customer's parcels: the API shows them only their own, and so does the socket (their
 * room). An open parcel also gets its timeline, reread on each change.
 */
export function createMyShipments() {
  const items = signal<Shipment[] | null>(null)
  const error = signal<string | null>(null)
  const open = signal<Shipment | null>(null)
  const openEvents = signal<TimelineEvent[] | null>(null)
  const openState = signal<'idle' | 'loading' | 'not_found' | 'error'>('idle')
  const openError = signal<string | null>(null)
  let openId: string | null = null

  const load = async () => {
    error.value = null
    try {
      items.value = (await authed<ShipmentPage>('/api/shipments?limit=50')).items
    } catch (failure) {
      error.value = messageOf(failure)
    }
  }

  const show = async (id: string | null) => {
    openId = id
    open.value = null
    openEvents.value = null
    if (!id) return void (openState.value = 'idle')
    openState.value = 'loading'
    openError.value = null
    try {
      const [shipment, events] = await Promise.all([
        authed<Shipment>(`/api/shipments/${id}`),
        authed<{ items: TimelineEvent[] }>(`/api/shipments/${id}/events`),
      ])
      if (openId !== id) return
      open.value = shipment
      openEvents.value = events.items
      openState.value = 'idle'
    } catch (failure) {
      if (openId !== id) return
      // Another customer's parcel answers exactly like one that does not exist.
      const missing =
        failure instanceof ApiError && (failure.status === 404 || failure.status === 400)
      openState.value = missing ? 'not_found' : 'error'
      openError.value = messageOf(failure)
    }
  }

  const live = connectApp(accessToken, {
    onResync: () => {
      void load()
      if (openId) void show(openId)
    },
  })
  live.socket.on('shipment_updated', (update) => {
    if (items.peek()?.some((s) => s.id === update.shipmentId)) {
      items.value = items
        .peek()!
        .map((s) =>
          s.id === update.shipmentId && s.version < update.version
            ? { ...s, status: update.status, version: update.version, updatedAt: update.at }
            : s,
        )
    } else void load()
    if (update.shipmentId === openId) void show(openId)
  })

  void load()

  return {
    items,
    error,
    open,
    openEvents,
    openState,
    openError,
    link: live.state,
    load,
    show,
    dispose: () => live.close(),
  }
}
