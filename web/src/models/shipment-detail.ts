import { effect, signal } from '@preact/signals'
import { ApiError, messageOf } from '../api/http'
import type { NearbyDriver, Shipment, TimelineEvent } from '@dropmate/contracts/rest'
import type { Dashboard } from './dashboard'
import { nearby } from './fleet'
import { authed } from './session'

export type ShipmentDetail = ReturnType<typeof createShipmentDetail>

/** The body of `PATCH /api/shipments/:id`: absent fields stay as they are. */
export interface ShipmentEdit {
  receiver?: Partial<Shipment['receiver']>
  notes?: string | null
  deliveryWindow?: { from: string; to: string } | null
}

/**
 * The detail panel of one shipment: its timeline (reread whenever the shipment changes),
 * the nearest available drivers to its pickup, and the dispatcher's actions.
 */
export function createShipmentDetail(dashboard: Dashboard, id: string) {
  const events = signal<TimelineEvent[] | null>(null)
  const eventsError = signal<string | null>(null)
  const shipmentError = signal<string | null>(null)
  const suggestions = signal<NearbyDriver[] | null>(null)
  const suggestionsError = signal<string | null>(null)
  const acting = signal(false)
  const actionError = signal<string | null>(null)

  const loadEvents = async () => {
    eventsError.value = null
    try {
      events.value = (await authed<{ items: TimelineEvent[] }>(`/api/shipments/${id}/events`)).items
    } catch (failure) {
      eventsError.value = messageOf(failure)
    }
  }

  const loadSuggestions = async (shipment: Shipment) => {
    suggestionsError.value = null
    try {
      suggestions.value = await nearby(shipment.sender, { radius: 20_000, limit: 5 })
    } catch (failure) {
      suggestionsError.value = messageOf(failure)
    }
  }

  const loadShipment = async () => {
    shipmentError.value = null
    try {
      await dashboard.fetchShipment(id)
    } catch (failure) {
      shipmentError.value = messageOf(failure)
    }
  }

  if (!dashboard.store.byId.peek().has(id)) void loadShipment()

  // Each new version of the shipment (from this page or a socket event) rereads its timeline.
  let seenVersion = -1
  const stop = effect(() => {
    const shipment = dashboard.store.byId.value.get(id)
    if (!shipment || shipment.version === seenVersion) return
    seenVersion = shipment.version
    void loadEvents()
    if (shipment.status === 'pending' || shipment.status === 'assigned') {
      void loadSuggestions(shipment)
    }
  })

  const act = async (request: () => Promise<Shipment>) => {
    acting.value = true
    actionError.value = null
    try {
      dashboard.store.put([await request()])
      return true
    } catch (failure) {
      actionError.value = messageOf(failure)
      return false
    } finally {
      acting.value = false
    }
  }

  const assign = (driverId: string, reassign = false) =>
    act(() =>
      authed<Shipment>(`/api/shipments/${id}/assign`, {
        method: 'POST',
        json: { driverId, reassign },
      }),
    )

  const cancel = (reason: string) =>
    act(() =>
      authed<Shipment>(`/api/shipments/${id}?reason=${encodeURIComponent(reason)}`, {
        method: 'DELETE',
      }),
    )

  /**
   * Edits the shipment as this page last saw it (If-Match its version): when someone changed
   * it meanwhile the server refuses, and the page rereads it so the edit can be redone.
   */
  const edit = (changes: ShipmentEdit) =>
    act(async () => {
      const version = dashboard.store.byId.peek().get(id)?.version
      try {
        return await authed<Shipment>(`/api/shipments/${id}`, {
          method: 'PATCH',
          json: changes,
          headers: { 'if-match': `"${version}"` },
        })
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'version_conflict') {
          void loadShipment()
        }
        throw failure
      }
    })

  return {
    events,
    eventsError,
    shipmentError,
    suggestions,
    suggestionsError,
    acting,
    actionError,
    loadEvents,
    loadShipment,
    assign,
    cancel,
    edit,
    dispose: stop,
  }
}
