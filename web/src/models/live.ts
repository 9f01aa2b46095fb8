import { NAMESPACES, SOCKET_PATH } from '@dropmate/contracts/sockets'
import type {
  AppClientEvents,
  AppServerEvents,
  TrackingClientEvents,
  TrackingServerEvents,
} from '@dropmate/contracts/sockets'
import { signal, type ReadonlySignal } from '@preact/signals'
import { io, type Socket } from 'socket.io-client'

/** `connecting` before the first connection; `reconnecting` after losing one. */
export type LinkState = 'connecting' | 'live' | 'reconnecting'

export interface Live<S extends Socket> {
  socket: S
  state: ReadonlySignal<LinkState>
  close(): void
}

export type AppSocket = Socket<AppServerEvents, AppClientEvents>
export type TrackingSocket = Socket<TrackingServerEvents, TrackingClientEvents>

interface Options {
  /** After a reconnect that did not recover what was missed: fetch what the page shows. */
  onResync: () => void
}

// A refused handshake is not retried by Socket.io itself; this spaces our own retries.
const RETRY_MS = [1_000, 2_000, 5_000, 10_000]

function connect<S extends Socket>(
  namespace: string,
  auth: ((cb: (data: object) => void) => void) | undefined,
  options: Options & { onRefused?: (code: string | undefined) => Promise<boolean> },
): Live<S> {
  const state = signal<LinkState>('connecting')
  // WebSocket only: long-polling needs every request of a session to reach the same gateway,
  // which a load balancer in front of several replicas does not promise.
  const socket = io(namespace, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    ...(auth && { auth }),
  }) as unknown as S
  let connected = false
  let refusals = 0
  let retry: ReturnType<typeof setTimeout> | undefined
  socket.on('connect', () => {
    state.value = 'live'
    refusals = 0
    // The gateway replays what a briefly dropped client missed; otherwise start afresh.
    if (connected && !socket.recovered) options.onResync()
    connected = true
  })
  socket.on('disconnect', () => {
    state.value = connected ? 'reconnecting' : 'connecting'
  })
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    state.value = connected ? 'reconnecting' : 'connecting'
    if (socket.active) return
    const delay = RETRY_MS[Math.min(refusals++, RETRY_MS.length - 1)]!
    const again = options.onRefused ? options.onRefused(error.data?.code) : Promise.resolve(true)
    void again.then((ok) => {
      if (ok) retry = setTimeout(() => socket.connect(), delay)
    })
  })
  return {
    socket,
    state,
    close() {
      clearTimeout(retry)
      socket.disconnect()
    },
  }
}

/**
 * The signed-in connection (`/`). The token is asked for on every (re)connect, so a reconnect
 * after the gateway closed an expired one carries a fresh token.
 */
export function connectApp(
  token: (options?: { force?: boolean }) => Promise<string | null>,
  options: Options,
): Live<AppSocket> {
  return connect<AppSocket>(
    NAMESPACES.app,
    (cb) =>
      void token().then(
        (t) => cb({ token: t ?? '' }),
        () => cb({ token: '' }),
      ),
    {
      ...options,
      onRefused: async (code) => {
        if (code !== 'invalid_token' && code !== 'missing_token') return true
        // A refused token gets one refresh; without a session there is nothing to retry.
        return (await token({ force: true }).catch(() => null)) !== null
      },
    },
  )
}

/** The public tracking connection (`/track`), without sign-in. */
export function connectTracking(options: Options): Live<TrackingSocket> {
  return connect<TrackingSocket>(NAMESPACES.tracking, undefined, options)
}
