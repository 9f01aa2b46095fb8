export interface Reply {
  status: number
  headers: Headers
  body: unknown
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH'
  path: string
  /** The HTTP status the caller expects; any other fails the call. */
  expect: number
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

export type Client = (call: Call) => Promise<Reply>

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail'])

/**
 * A tiny JSON client for one DropMate server. An unexpected status (with its RFC 9457
 * problem `code` and `detail`), a non-JSON body, a timeout or a refused connection all
 * reject with an Error whose message says which request and what happened.
 *
 * @example
 * const call = createClient('http://localhost:8080')
 * await call({ method: 'GET', path: '/ready', expect: 200 })
 */
export function createClient(baseUrl: string, timeoutMs = 10_000): Client {
  return async ({ method, path, expect, token, body, headers }) => {
    const request = `${method} ${path}`
    let response: Response
    let text: string
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      throw new Error(`${request}: ${networkFailure(error, timeoutMs)}`, { cause: error })
    }
    const parsed = parseJson(text)
    if (response.status !== expect) {
      const problem = describe(parsed, text)
      throw new Error(`${request} answered ${response.status} (expected ${expect}): ${problem}`)
    }
    if (parsed === undefined) {
      throw new Error(`${request} answered ${response.status} without JSON: ${clip(text)}`)
    }
    return { status: response.status, headers: response.headers, body: parsed }
  }
}

function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`
  }
  // fetch reports every network failure as "fetch failed"; only the cause says which.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined
  return `network error (${cause?.message ?? String(error)})`
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** `invalid_credentials: Wrong email or password.`, plus any problem extensions, compactly. */
function describe(parsed: unknown, text: string): string {
  if (typeof parsed !== 'object' || parsed === null || !('code' in parsed)) {
    return text === '' ? '(empty body)' : clip(text)
  }
  const problem = parsed as Record<string, unknown>
  const extensions = Object.entries(problem).filter(([key]) => !PROBLEM_MEMBERS.has(key))
  const extra = extensions.length ? ` ${JSON.stringify(Object.fromEntries(extensions))}` : ''
  return `${String(problem.code)}: ${String(problem.detail ?? '(no detail)')}${extra}`
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text)
