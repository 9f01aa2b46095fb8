import {
  NetworkError,
  problemCode,
  send,
  type Call,
  type Reply as ApiReply,
} from '../lib/api-client'

/** One request the load made and what came back, kept for the checks. */
export interface Answer {
  /** Wall-clock ms when the request was sent. */
  at: number
  ms: number
  method: string
  path: string
  /** The HTTP status, or why there was none. */
  status: number | 'refused' | 'reset' | 'timeout'
  retryAfter: string | null
  /** The problem's `code` or the start of the body, for error answers. */
  detail?: string
}

// Long enough to see how slow a slow answer is; a hang past it is counted as one.
const TIMEOUT_MS = 5_000

export interface Reply {
  status: Answer['status']
  body: unknown
  retryAfter: string | null
}

/**
 * Every HTTP request of the load, recorded with its timing, so the checks can tell which
 * error answers came and how fast.
 */
export function createClient() {
  const answers: Answer[] = []
  return {
    answers,
    async request(
      url: string,
      method: Call['method'],
      options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<Reply> {
      const at = Date.now()
      const { origin, pathname, search } = new URL(url)
      const call = { method, path: pathname + search, json: options.body, headers: options.headers }
      try {
        const reply = await send(origin, { ...call, timeoutMs: TIMEOUT_MS }, options.token)
        const retryAfter = reply.headers.get('retry-after')
        const answer: Answer = {
          at,
          ms: Date.now() - at,
          method,
          path: pathname,
          status: reply.status,
          retryAfter,
        }
        if (reply.status < 200 || reply.status >= 300) answer.detail = detailOf(reply)
        answers.push(answer)
        return { status: reply.status, body: reply.body, retryAfter }
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error
        const status = failureOf(error)
        answers.push({ at, ms: Date.now() - at, method, path: pathname, status, retryAfter: null })
        return { status, body: undefined, retryAfter: null }
      }
    },
  }
}

export type Client = ReturnType<typeof createClient>

const detailOf = (reply: ApiReply) => problemCode(reply) ?? reply.text.slice(0, 80)

function failureOf(error: NetworkError): 'refused' | 'reset' | 'timeout' {
  if (error.kind === 'timeout') return 'timeout'
  return error.code === 'ECONNREFUSED' ? 'refused' : 'reset'
}
