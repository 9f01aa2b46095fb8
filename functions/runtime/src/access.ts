import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import { problem } from './problem'

export interface TokenOrLoopback {
  /** The shared secret callers present as a bearer token; unset, only loopback may call. */
  token: string | undefined
  /** Names the secret in answers (`BROKER_TOKEN`) and the realm (`broker`) in the challenge. */
  variable: string
  realm: 'metrics' | 'broker'
  /** The peer's IP address, undefined when unknown; by default the socket's. */
  remoteAddress?: (c: Context) => string | undefined
}

/**
 * The bindings a process gives a request it hands to its own app (the broker delivering to
 * the realtime gateway beside it in `npm start`): it never left the process, so it comes
 * from this machine.
 */
export const IN_PROCESS = { inProcess: true } as const

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/**
 * Guards what only our own processes call (the broker, /metrics): with the token set, callers
 * present it as a bearer token; without it, only this machine may call, which is the
 * embedded default where everything runs in one process or beside it. Behind Knative's
 * queue-proxy every request comes from 127.0.0.1, so what is served there needs the token.
 *
 * @example
 * app.get('/metrics', tokenOrLoopback({ token, variable: 'METRICS_TOKEN', realm: 'metrics' }), …)
 */
export function tokenOrLoopback(options: TokenOrLoopback): MiddlewareHandler {
  const { token, variable, realm } = options
  const remoteAddress = options.remoteAddress ?? socketAddress
  const challenge = { 'www-authenticate': `Bearer realm="${realm}"` }
  return async (c, next) => {
    if (token !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (given === undefined || !sameSecret(given, token)) {
        const detail = `Send Authorization: Bearer <${variable}>.`
        return problem(c, `invalid_${realm}_token`, detail, {}, challenge)
      }
      return next()
    }
    if (!isLoopback(remoteAddress(c))) {
      const detail = `Without ${variable} only this machine may call the ${realm}.`
      return problem(c, 'loopback_only', detail)
    }
    return next()
  }
}

export function isLoopback(address: string | undefined): boolean {
  const family = address === undefined ? 0 : isIP(address)
  if (address === undefined || family === 0) return false
  // Also matches IPv4-mapped IPv6 (::ffff:127.0.0.1), as dual-stack sockets report it.
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function socketAddress(c: Context): string | undefined {
  if ((c.env as { inProcess?: boolean } | undefined)?.inProcess === true) return '127.0.0.1'
  try {
    return getConnInfo(c).remote.address
  } catch {
    // No socket behind the request (app.request in-process): not known to be loopback.
    return undefined
  }
}
