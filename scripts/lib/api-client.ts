/** A reply from the DropMate API, read whatever its status. */
export interface Reply {
  status: number
  headers: Headers
  /** The body parsed as JSON; undefined when it is empty or not JSON (`text` has it). */
  body: unknown
  text: string
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `headers` saying what it is. */
  body?: string
  headers?: Record<string, string>
  /** How long to wait for the whole reply before giving up with a NetworkError. */
  timeoutMs?: number
}

const TIMEOUT_MS = 10_000

/** No answer at all: refused, reset, timed out. Worth retrying; the kind says which. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  /** `timeout`, or `network ECONNREFUSED` and the like: how errors are counted and named. */
  readonly kind: string
  constructor(
    /** `timeout`, or the system error code under fetch's "fetch failed" (`ECONNREFUSED`). */
    readonly code: string,
    message: string,
    /** What the system said, e.g. `connect ECONNREFUSED 127.0.0.1:9`. */
    readonly reason: string,
  ) {
    super(message)
    this.kind = code === 'timeout' ? 'timeout' : `network ${code}`
  }
}

/** An answer the caller did not want, named by status and problem code. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly kind: string
  constructor(
    readonly call: string,
    readonly reply: Reply,
  ) {
    const kind = kindOf(reply)
    super(`${call} answered ${kind}`)
    this.kind = kind
  }
}

/** The stable `code` of an RFC 9457 problem reply, when it has one. */
export function problemCode(reply: Pick<Reply, 'body'>): string | undefined {
  const body = reply.body as { code?: unknown } | null | undefined
  return typeof body?.code === 'string' ? body.code : undefined
}

/** How errors are counted and named: `409 invalid_transition`, `503 location_store_unavailable`. */
export const kindOf = (reply: Reply) => `${reply.status} ${problemCode(reply) ?? 'no_code'}`

/**
 * Sends one request to `baseUrl` and reads the reply, JSON or not. Rejects only with a
 * NetworkError, when no reply came. The simulator, the flow check and the chaos load all
 * talk to the API through this.
 *
 * @example
 * const reply = await send('http://127.0.0.1:8080', { method: 'GET', path: '/ready' })
 */
export async function send(baseUrl: string, call: Call, token?: string): Promise<Reply> {
  const timeoutMs = call.timeoutMs ?? TIMEOUT_MS
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...(call.json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...call.headers,
  }
  try {
    const response = await fetch(`${baseUrl}${call.path}`, {
      method: call.method,
      headers,
      body: call.json === undefined ? call.body : JSON.stringify(call.json),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: parseJson(text), text }
  } catch (error) {
    throw networkError(error, timeoutMs)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function networkError(error: unknown, timeoutMs: number): NetworkError {
  const failure = error as Error & { cause?: { code?: string; message?: string } }
  if (failure.name === 'TimeoutError') {
    const message = `no answer within ${timeoutMs / 1000} s`
    return new NetworkError('timeout', message, message)
  }
  // fetch reports every network failure as "fetch failed"; only the cause says which.
  const code = failure.cause?.code ?? failure.name
  const reason = failure.cause?.message ?? String(error)
  return new NetworkError(code, `${failure.message} (${code})`, reason)
}
