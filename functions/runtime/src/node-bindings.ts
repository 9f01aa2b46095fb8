import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { IncomingMessage, ServerResponse } from 'node:http'

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
