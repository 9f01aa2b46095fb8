/** A reply from the DropMate API, read whatever its status. */
export interface Reply {
  status: number
  headers: Headers
  body: unknown
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  /** Sent as JSON. */
  json?: unknown
  /** Sent as is, with `headers` saying what it is. */
  body?: string
  headers?: Record<string, string>
}

const TIMEOUT_MS = 10_000

/** No answer at all: refused, reset, timed out. Worth retrying; the kind says which. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message)
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
export function problemCode(reply: Reply): string | undefined {
  const body = reply.body as { code?: unknown } | null
  return typeof body?.code === 'string' ? body.code : undefined
}

/** How errors are counted and named: `409 invalid_transition`, `503 location_store_unavailable`. */
export const kindOf = (reply: Reply) => `${reply.status} ${problemCode(reply) ?? 'no_code'}`

/**
 * Sends one request to `baseUrl` and reads the reply, JSON or not. Rejects only with a
 * NetworkError, when no reply came.
 *
 * @example
 * const reply = await send('http://127.0.0.1:8080', { method: 'GET', path: '/ready' })
 */
export async function send(baseUrl: string, call: Call, token?: string): Promise<Reply> {
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
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: parseJson(text) }
  } catch (error) {
    throw networkError(error)
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return text
  }
}

function networkError(error: unknown): NetworkError {
  const cause = (error as { cause?: { code?: string } }).cause
  if ((error as Error).name === 'TimeoutError') {
    return new NetworkError('timeout', `no answer within ${TIMEOUT_MS / 1000} s`)
  }
  const code = cause?.code ?? (error as Error).name
  return new NetworkError(`network ${code}`, `${(error as Error).message} (${code})`)
}
