import type {
  AppClientEvents,
  AppServerEvents,
  TrackingClientEvents,
  TrackingServerEvents,
} from '@dropmate/contracts/sockets'
import { io, type Socket } from 'socket.io-client'
import type { ScreenState } from './checks'
import type { Client } from './client'

// The order a parcel of the load moves in: a view keeps the furthest status it was told.
const JOURNEY = ['pending', 'assigned', 'picked_up', 'in_transit', 'delivered']
const RETRY_MS = 300

/** What one open screen shows: shipment (id or tracking number) → status. */
export interface Screen {
  name: string
  socket: Socket
  shows: Map<string, string>
  /** The tracking number a tracking page follows; a dashboard follows every shipment. */
  follows?: string
  /** Reconnects, and how many of them Socket.io recovered (missed events replayed). */
  reconnects: number
  recovered: number
}

const OPTIONS = {
  transports: ['websocket'],
  // A dashboard retries soon; the defaults (1–5 s) would make every recovery look slow.
  reconnectionDelay: 100,
  reconnectionDelayMax: 500,
}

function newScreen(name: string, socket: Socket): Screen {
  return { name, socket, shows: new Map(), reconnects: 0, recovered: 0 }
}

function show(screen: Screen, key: string, status: string) {
  const shown = screen.shows.get(key)
  if (shown === undefined || JOURNEY.indexOf(status) > JOURNEY.indexOf(shown)) {
    screen.shows.set(key, status)
  }
}

/**
 * A dispatcher's dashboard: every shipment change of the fleet, and after a reconnect
 * Socket.io did not recover, a refetch of each shipment it shows (the protocol's contract).
 * `known` lists the shipments the load created, which a fresh dashboard would list.
 */
export function openDashboard(
  name: string,
  gateway: string,
  api: { client: Client; url: string; token: string },
  known: () => string[],
): Screen {
  const socket: Socket<AppServerEvents, AppClientEvents> = io(gateway, {
    ...OPTIONS,
    auth: { token: api.token },
  })
  const screen = newScreen(name, socket)
  socket.on('shipment_updated', (update) => show(screen, update.shipmentId, update.status))
  socket.on('shipment_assigned', (update) => show(screen, update.shipmentId, update.status))
  let connects = 0
  socket.on('connect', () => {
    if (connects++ === 0) return
    screen.reconnects++
    if (socket.recovered) return void screen.recovered++
    for (const id of new Set([...screen.shows.keys(), ...known()])) void refetch(id)
  })
  const refetch = async (id: string): Promise<void> => {
    while (socket.connected) {
      const reply = await api.client.request(`${api.url}/api/shipments/${id}`, 'GET', {
        token: api.token,
      })
      const status = (reply.body as { status?: string } | undefined)?.status
      if (reply.status === 200 && status) return show(screen, id, status)
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
    }
  }
  return screen
}

/** A customer's tracking page of one parcel: it (re)tracks on every connect not recovered. */
export function openTrackingPage(gateway: string, trackingNumber: string): Screen {
  const socket: Socket<TrackingServerEvents, TrackingClientEvents> = io(`${gateway}/track`, OPTIONS)
  const screen = {
    ...newScreen(`tracking page ${trackingNumber}`, socket),
    follows: trackingNumber,
  }
  socket.on('shipment_updated', (update) => show(screen, trackingNumber, update.status))
  let connects = 0
  const track = () => {
    if (!socket.connected) return
    socket.timeout(2_000).emit('track', { trackingNumber }, (error, reply) => {
      if (!error && reply.ok) return show(screen, trackingNumber, reply.status)
      setTimeout(track, RETRY_MS)
    })
  }
  socket.on('connect', () => {
    if (connects++ > 0) {
      screen.reconnects++
      if (socket.recovered) return void screen.recovered++
    }
    track()
  })
  return screen
}

/** What the checks need of a screen, now. */
export function stateOf(screen: Screen): ScreenState {
  return {
    name: screen.name,
    connected: screen.socket.connected,
    shows: screen.shows,
    follows: screen.follows,
  }
}
