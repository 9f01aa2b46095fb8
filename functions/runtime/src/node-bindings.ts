import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SecuredResponse } from './security-headers'

/**
 * The Node request and response @hono/node-server hands an app as its env, for the few places
 * where reading them directly is worth it: Hono's web wrappers are several times dearer on
 * the hot path. An app called without a server (`app.request`) has neither.
 */
function bindingsOf(c: Context): Partial<HttpBindings> | undefined {
  return c.env as Partial<HttpBindings> | undefined
}

/** The Node request behind `c`, if it was served by @hono/node-server. */
export function nodeRequestOf(c: Context): IncomingMessage | undefined {
  return bindingsOf(c)?.incoming
}

/** The Node response behind `c`, if it was served by @hono/node-server. */
export function nodeResponseOf(c: Context): ServerResponse | undefined {
  return bindingsOf(c)?.outgoing
}

/**
 * One request header by its lower-case name: Node's parsed value when served, else Hono's.
 * `c.req.header` reaches Node's value through the web Request's wrappers, at about 0.25 µs a
 * read: the few headers every request is asked for add up to a µs. Not for the few headers
 * Node keeps only the first of when repeated (Authorization, Content-Type, Host, …), where
 * Fetch would join them.
 *
 * @example
 * const parent = parseTraceparent(requestHeader(c, 'traceparent'))
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = nodeRequestOf(c)
  if (!incoming) return c.req.header(name)
  const value = incoming.headers[name]
  // Other repeats Node joins with ', ', as Fetch does; only Set-Cookie, which no request
  // carries, is a list.
  return Array.isArray(value) ? value.join(', ') : value
}

/**
 * Adds a header to the answer, unless the answer sets one of that name itself: on the Node
 * response when served, as plain strings, else (`app.request`) on the context. Hono's
 * `c.header` builds a web Headers, which @hono/node-server then turns into Node's form: two
 * headers set that way were 4.6 µs of the 56 µs of CPU the tracking function spent on a
 * cached lookup (observability off, measured on Node 24). Call it before the answer is made.
 *
 * @example
 * sendAlso(c, 'cache-control', 'no-store')
 * return c.json(page, 200)
 */
export function sendAlso(c: Context, name: string, value: string): void {
  const outgoing = nodeResponseOf(c)
  if (outgoing instanceof SecuredResponse) outgoing.sendAlso(name, value)
  else c.header(name, value)
}
