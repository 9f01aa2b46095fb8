import {
  ServerResponse,
  type IncomingMessage,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
} from 'node:http'

/**
 * What every answer carries: the headers hono's `secureHeaders()` sets by default, fixed, so
 * a page, an API answer or a Socket.io poll is never framed, sniffed or leaked to a referrer.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
}
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS)

/**
 * A Node response that adds SECURITY_HEADERS, and what `sendAlso` was given, as its head is
 * written, unless the app set one of them itself. Added here, as plain strings, rather than
 * by a Hono middleware: eleven headers set on every response's web `Headers` cost a cached
 * lookup 18 µs, more than its own handler (npm run bench -- profile track).
 *
 * @example
 * createServer({ ServerResponse: SecuredResponse }, listener)
 */
export class SecuredResponse<
  Request extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Request> {
  #also: Record<string, string> | undefined

  /** Sends `name` too, unless the app's answer sets it: for what every answer says. */
  sendAlso(name: string, value: string): void {
    this.#also ??= {}
    this.#also[name] = value
  }

  override writeHead(
    statusCode: number,
    reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
    headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
  ): this {
    if (typeof reasonOrHeaders === 'string') {
      return super.writeHead(statusCode, reasonOrHeaders, this.#secured(headers))
    }
    return super.writeHead(statusCode, this.#secured(reasonOrHeaders))
  }

  /** `headers` with the added ones neither it nor an earlier setHeader named. */
  #secured(headers: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined) {
    if (Array.isArray(headers)) {
      // Raw pairs, which Node appends to what setHeader stored: store the missing ones there.
      const named = namesIn(headers)
      for (const [name, value] of [...SECURITY_ENTRIES, ...Object.entries(this.#also ?? {})]) {
        if (!this.hasHeader(name) && !named.has(name)) this.setHeader(name, value)
      }
      return headers
    }
    // The common case, once per answer: plain loops, no arrays made.
    const secured: OutgoingHttpHeaders = {}
    this.#addUnset(secured, SECURITY_HEADERS)
    if (this.#also) this.#addUnset(secured, this.#also)
    for (const name in headers) {
      const lower = name.toLowerCase()
      if (lower !== name) delete secured[lower]
      secured[name] = headers[name]
    }
    return secured
  }

  #addUnset(secured: OutgoingHttpHeaders, added: Readonly<Record<string, string>>): void {
    for (const name in added) if (!this.hasHeader(name)) secured[name] = added[name]
  }
}

/** The lowercase names in Node's raw header forms: [[name, value], …] or [name, value, …]. */
function namesIn(headers: OutgoingHttpHeader[]): Set<string> {
  const names = new Set<string>()
  const pairs = Array.isArray(headers[0])
  for (let i = 0; i < headers.length; i += pairs ? 1 : 2) {
    const name = pairs ? (headers[i] as string[])[0] : headers[i]
    if (typeof name === 'string') names.add(name.toLowerCase())
  }
  return names
}
