import { signal } from '@preact/signals'
import { ApiError, http, messageOf } from '../api/http'
import type { TrackingView } from '@dropmate/contracts/rest'
import { connectTracking } from './live'

export type TrackingState = 'loading' | 'ready' | 'not_found' | 'error'

export type Tracking = ReturnType<typeof createTracking>

/**
 * One parcel on the public tracking page: the redacted view from the API, kept current by
 * the `/track` namespace (status changes, and the driver's position while in transit).
 */
export function createTracking(trackingNumber: string) {
  const view = signal<TrackingView | null>(null)
  const state = signal<TrackingState>('loading')
  const error = signal<string | null>(null)
  let disposed = false

  const load = async () => {
    error.value = null
    if (!view.peek()) state.value = 'loading'
    try {
      const fresh = await http<TrackingView>(
        `/api/shipments/track/${encodeURIComponent(trackingNumber)}`,
      )
      if (disposed) return
      view.value = fresh
      state.value = 'ready'
    } catch (failure) {
      if (disposed) return
      if (failure instanceof ApiError && failure.status === 404) state.value = 'not_found'
      else {
        error.value = messageOf(failure)
        if (!view.peek()) state.value = 'error'
      }
    }
  }

  const live = connectTracking({ onResync: () => void load() })
  const { socket } = live
  // A new connection (not a recovered one) has joined nothing yet.
  socket.on('connect', () => {
    if (!socket.recovered) socket.emit('track', { trackingNumber }, () => {})
  })
  socket.on('shipment_updated', (update) => {
    const current = view.peek()
    if (!current || update.trackingNumber !== current.trackingNumber) return
    const moving = update.status === 'in_transit'
    view.value = {
      ...current,
      status: update.status,
      timeline: [...current.timeline, { status: update.status, at: update.at }],
      eta: moving ? current.eta : null,
      driverPosition: moving ? current.driverPosition : null,
      deliveredAt: update.status === 'delivered' ? update.at : current.deliveredAt,
    }
    // The driver's first name comes with an assignment; the event carries no people.
    if (update.status === 'assigned' && !current.driver) void load()
  })
  socket.on('driver_location', (location) => {
    const current = view.peek()
    if (!current || location.trackingNumber !== current.trackingNumber) return
    if (current.status !== 'in_transit') return
    view.value = {
      ...current,
      driverPosition: { lat: location.lat, lng: location.lng, recordedAt: location.recordedAt },
      eta: location.eta,
    }
  })

  void load()

  return {
    trackingNumber,
    view,
    state,
    error,
    link: live.state,
    load,
    dispose() {
      disposed = true
      live.close()
    },
  }
}
