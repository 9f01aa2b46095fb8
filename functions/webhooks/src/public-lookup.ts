import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { isPublicAddress } from './public-address'

/** A host this server will not send to: the address it resolved to is not public. */
export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not a public internet address`)
  }
}

type Resolve = (
  host: string,
  callback: (error: Error | null, addresses: LookupAddress[]) => void,
) => void

const resolveAll: Resolve = (host, callback) =>
  dnsLookup(host, { all: true, verbatim: true }, callback)

/**
 * A `lookup` for sockets (net.connect's option, which undici's Agent passes on) that refuses a
 * host with any non-public address, and connects to exactly the addresses it checked: a name
 * that resolves elsewhere a moment later (DNS rebinding) is never looked up twice.
 */
export function publicLookup(resolve: Resolve = resolveAll): LookupFunction {
  return (host, options, callback) => {
    resolve(host, (error, addresses) => {
      if (error) return callback(error, '', 0)
      const refused = addresses.find((a) => !isPublicAddress(a.address))
      if (refused) return callback(new PrivateAddressError(host, refused.address), '', 0)
      const wanted = addresses.filter((a) => !options.family || a.family === options.family)
      if (wanted.length === 0) {
        return callback(
          Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }),
          '',
          0,
        )
      }
      if (options.all) return (callback as unknown as AllCallback)(null, wanted)
      callback(null, wanted[0]!.address, wanted[0]!.family)
    })
  }
}

type AllCallback = (error: Error | null, addresses: LookupAddress[]) => void

/**
 * Checks a URL's host before it is registered: throws PrivateAddressError when it is, or
 * resolves to, an address that is not public. An address literal is checked as it is.
 */
export async function assertPublicHost(url: URL, resolve: Resolve = resolveAll): Promise<void> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const addresses = await new Promise<LookupAddress[]>((done, fail) =>
    resolve(host, (error, found) => (error ? fail(error) : done(found))),
  )
  const refused = addresses.find((a) => !isPublicAddress(a.address))
  if (refused) throw new PrivateAddressError(host, refused.address)
}
