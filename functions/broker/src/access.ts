import type { Config } from '@dropmate/core'
import { problem } from '@dropmate/runtime'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

export interface BrokerAccess {
  config: Pick<Config, 'BROKER_TOKEN'>
  /** The peer's IP address, undefined when unknown; by default the socket's. */
  remoteAddress?: (c: Context) => string | undefined
}

const CHALLENGE = { 'www-authenticate': 'Bearer realm="broker"' }

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/**
 * With BROKER_TOKEN set, senders present it as a bearer token. Without it, only this machine
 * may send: the embedded default, where producers run in the same process or beside it.
 * Behind Knative's queue-proxy every request comes from 127.0.0.1, so a broker served there
 * needs the token.
 */
export function brokerAccess(deps: BrokerAccess): MiddlewareHandler {
  const token = deps.config.BROKER_TOKEN
  const remoteAddress = deps.remoteAddress ?? socketAddress
  return async (c, next) => {
    if (token !== undefined) {
      const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (given === undefined || !sameSecret(given, token)) {
        const detail = 'Send Authorization: Bearer <BROKER_TOKEN>.'
        return problem(c, 401, 'invalid_broker_token', detail, {}, CHALLENGE)
      }
      return next()
    }
    if (!isLoopback(remoteAddress(c))) {
      const detail = 'Without BROKER_TOKEN the broker takes events from this machine only.'
      return problem(c, 403, 'loopback_only', detail)
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
  try {
    return getConnInfo(c).remote.address
  } catch {
    // No socket behind the request (app.request in-process): not known to be loopback.
    return undefined
  }
}
