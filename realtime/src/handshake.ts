import type { IncomingMessage } from 'node:http'
import type { Socket } from 'socket.io'

type Handshake = Socket['handshake']

/** The bearer token a client passes as `auth: { token }` when it connects. */
export function tokenOf(handshake: Handshake): string | undefined {
  const token = (handshake.auth as { token?: unknown } | undefined)?.token
  return typeof token === 'string' && token !== '' ? token : undefined
}

/**
 * The client's IP for rate limits, as the kit's clientAddress reads it: behind a proxy we
 * trust, the last hop it appended to X-Forwarded-For; otherwise the socket's peer.
 */
export function handshakeAddress(handshake: Handshake, trustProxy: boolean): string {
  const forwarded = handshake.headers['x-forwarded-for']
  const list = Array.isArray(forwarded) ? forwarded.join(',') : forwarded
  const last = list?.split(',').at(-1)?.trim()
  return trustProxy && last ? last : handshake.address
}

type Admit = (error: string | null | undefined, success: boolean) => void

/**
 * Which handshakes engine.io lets in. CORS headers only keep browsers from reading polling
 * answers, and WebSockets ignore CORS altogether, so the allowlist is enforced here: a browser
 * page may connect from the gateway's own origin or from CORS_ORIGINS. Clients that send no
 * Origin (apps, servers) are not browsers and carry their own token. A draining gateway lets
 * no one in, so clients reconnect to another.
 */
export function admission(options: { origins: string[]; isDraining: () => boolean }) {
  return (request: IncomingMessage, admit: Admit) => {
    if (options.isDraining()) return admit('This gateway is shutting down; connect again.', false)
    const origin = request.headers.origin
    if (origin === undefined || options.origins.includes(origin)) return admit(null, true)
    const sameOrigin = URL.canParse(origin) && new URL(origin).host === request.headers.host
    admit(sameOrigin ? null : 'This origin may not connect.', sameOrigin)
  }
}
