import { nodeRequestOf, ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { Context } from 'hono'
import { eventsFromMessage } from './receive'

/**
 * The CloudEvents a request carries (eventsFromMessage), its body refused past `maxBytes`.
 * Under @hono/node-server both the headers and the body are read from the Node request
 * directly, which the web Request's wrappers make several times dearer.
 *
 * @example
 * const events = await eventsIn(c, 1024 * 1024)
 */
export async function eventsIn(c: Context, maxBytes: number): Promise<CloudEvent<unknown>[]> {
  const body = await readBody(c, maxBytes)
  return eventsFromMessage(headersOf(c), body)
}

/**
 * The request body as bytes, refused past `maxBytes` (declared or actual). Wrapping the Node
 * request in a web Request's stream first was 28% of the ingress's CPU per event (measured by
 * npm run bench).
 */
async function readBody(c: Context, maxBytes: number): Promise<Uint8Array> {
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes)
  const incoming = nodeRequestOf(c)
  // Flowing means the web Request already took the stream: read it from there instead.
  if (!incoming || incoming.readableFlowing !== null) {
    const body = new Uint8Array(await c.req.arrayBuffer())
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes)
    return body
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw tooLarge(maxBytes)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(maxBytes: number): ProblemError {
  return new ProblemError('body_too_large', `Requests are limited to ${maxBytes} bytes.`)
}

/**
 * Every header, by lower-case name. Node's own parsed headers when there are some: asking
 * Hono for all of them builds a web Headers first, 5 % of a ping's CPU (npm run bench).
 */
function headersOf(c: Context): Record<string, string> {
  return (nodeRequestOf(c)?.headers as Record<string, string> | undefined) ?? c.req.header()
}
