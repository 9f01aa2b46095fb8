import { NetworkError, send, type Reply } from '../lib/api-client'

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
 * The flow's strict view of one DropMate server. An unexpected status (with its RFC 9457
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
    let reply: Reply
    try {
      reply = await send(baseUrl, { method, path, json: body, headers, timeoutMs }, token)
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error
      throw new Error(`${request}: ${networkFailure(error)}`, { cause: error })
    }
    if (reply.status !== expect) {
      const problem = describe(reply)
      throw new Error(`${request} answered ${reply.status} (expected ${expect}): ${problem}`)
    }
    if (reply.body === undefined) {
      throw new Error(`${request} answered ${reply.status} without JSON: ${clip(reply.text)}`)
    }
    return reply
  }
}

const networkFailure = (error: NetworkError) =>
  error.kind === 'timeout' ? error.message : `network error (${error.reason})`

/** `invalid_credentials: Wrong email or password.`, plus any problem extensions, compactly. */
function describe({ body, text }: Reply): string {
  if (typeof body !== 'object' || body === null || !('code' in body)) {
    return text === '' ? '(empty body)' : clip(text)
  }
  const problem = body as Record<string, unknown>
  const extensions = Object.entries(problem).filter(([key]) => !PROBLEM_MEMBERS.has(key))
  const extra = extensions.length ? ` ${JSON.stringify(Object.fromEntries(extensions))}` : ''
  return `${String(problem.code)}: ${String(problem.detail ?? '(no detail)')}${extra}`
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text)
