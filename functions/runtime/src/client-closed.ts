import type { Context } from 'hono'
import { nodeResponseOf } from './node-bindings'

/**
 * What a request is logged and counted as when its client hung up before the answer: nginx's
 * "client closed request", which log tools and dashboards already read as the client's
 * doing, neither a success nor a failure of ours.
 */
export const CLIENT_CLOSED_REQUEST = 499

/**
 * Whether the client closed its connection before the answer went out: a phone that lost its
 * signal halfway through a batch of pings, a tab closed while its lookup ran. Node marks the
 * response destroyed as the socket closes; @hono/node-server hands it to the app as
 * `outgoing`. An app called without a socket (`app.request`) has none to lose.
 */
export function clientHungUp(c: Context): boolean {
  return nodeResponseOf(c)?.destroyed === true
}
