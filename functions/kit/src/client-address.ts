import { getConnInfo } from '@hono/node-server/conninfo'
import { requestHeader } from '@dropmate/runtime'
import type { Context } from 'hono'

/**
 * The caller's IP for rate limits. Behind a proxy we trust (Knative's ingress), the last hop
 * it appended to X-Forwarded-For; anything earlier in that header is the client's own claim.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = requestHeader(c, 'x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket behind it
    return 'unknown'
  }
}
