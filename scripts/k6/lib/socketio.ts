import { WebSocket } from 'k6/websockets'
import type { MessageEvent } from 'k6/websockets'

/**
 * Socket.io (protocol 5) over engine.io (protocol 4) on k6's WebSocket, enough to hold a
 * dashboard's connection: the engine.io handshake and heartbeat, a namespace connect with
 * `auth`, and incoming events. Frames: `0{…}` open, `2` ping, `3` pong, `40/ns,{auth}`
 * connect, `40…{sid}` connected, `44…{message,data}` refused, `42/ns,["event",…]` an event;
 * the default namespace `/` is written without its name.
 */

type Packet =
  | { kind: 'open' }
  | { kind: 'ping' }
  | { kind: 'connected'; namespace: string }
  | { kind: 'refused'; namespace: string; reason: string }
  | { kind: 'event'; namespace: string; name: string; args: unknown[] }
  | { kind: 'other' }

/** Reads one WebSocket frame. */
function decode(frame: string): Packet {
  if (frame.startsWith('0')) return { kind: 'open' }
  if (frame === '2') return { kind: 'ping' }
  if (!frame.startsWith('4')) return { kind: 'other' }
  const type = frame.charAt(1)
  let rest = frame.slice(2)
  let namespace = '/'
  if (rest.startsWith('/')) {
    const comma = rest.indexOf(',')
    namespace = comma < 0 ? rest : rest.slice(0, comma)
    rest = comma < 0 ? '' : rest.slice(comma + 1)
  }
  if (type === '0') return { kind: 'connected', namespace }
  if (type === '4') return { kind: 'refused', namespace, reason: rest }
  if (type === '2') {
    const [name, ...args] = JSON.parse(rest) as [string, ...unknown[]]
    return { kind: 'event', namespace, name, args }
  }
  return { kind: 'other' }
}

/** The connect packet for `namespace`, carrying `auth` (the handshake's `auth` object). */
function connectFrame(namespace: string, auth: object): string {
  return namespace === '/' ? `40${JSON.stringify(auth)}` : `40${namespace},${JSON.stringify(auth)}`
}

/** Where the gateway listens (SOCKET_PATH in functions/contracts/src/sockets.ts) for a WebSocket. */
function socketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`
}

export interface Handlers {
  /** The namespace accepted the connection. */
  connected(): void
  /** The namespace refused it; `reason` is the gateway's JSON. */
  refused(reason: string): void
  event(name: string, args: unknown[]): void
}

/**
 * Opens a WebSocket to the gateway and connects to `namespace` with `auth`, answering the
 * server's heartbeat so the connection stays up as long as the caller holds it. Its metrics
 * carry `tags` (an `endpoint`, as requests do).
 *
 * @example
 * const socket = openSocket(BASE_URL, '/', { token }, { endpoint: 'socket' }, {
 *   connected: () => {}, refused: (reason) => fail(reason), event: (name, args) => {},
 * })
 */
export function openSocket(
  baseUrl: string,
  namespace: string,
  auth: object,
  tags: Record<string, string>,
  handlers: Handlers,
): WebSocket {
  const socket = new WebSocket(socketUrl(baseUrl), null, { tags })
  socket.addEventListener('message', (event) => {
    const packet = decode(String((event as MessageEvent).data))
    if (packet.kind === 'open') socket.send(connectFrame(namespace, auth))
    // An unanswered ping makes the server close the connection after pingTimeout.
    else if (packet.kind === 'ping') socket.send('3')
    else if (packet.kind === 'other' || packet.namespace !== namespace) return
    else if (packet.kind === 'connected') handlers.connected()
    else if (packet.kind === 'refused') handlers.refused(packet.reason)
    else handlers.event(packet.name, packet.args)
  })
  return socket
}
