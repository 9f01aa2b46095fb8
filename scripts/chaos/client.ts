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
      method: string,
      options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<Reply> {
      const at = Date.now()
      const path = new URL(url).pathname
      const headers: Record<string, string> = { ...options.headers }
      if (options.token) headers.authorization = `Bearer ${options.token}`
      if (options.body !== undefined) headers['content-type'] ??= 'application/json'
      try {
        const response = await fetch(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        })
        const text = await response.text()
        const body = parse(text)
        const retryAfter = response.headers.get('retry-after')
        const answer: Answer = {
          at,
          ms: Date.now() - at,
          method,
          path,
          status: response.status,
          retryAfter,
        }
        if (!response.ok) answer.detail = detailOf(body, text)
        answers.push(answer)
        return { status: response.status, body, retryAfter }
      } catch (error) {
        const status = failureOf(error)
        answers.push({ at, ms: Date.now() - at, method, path, status, retryAfter: null })
        return { status, body: undefined, retryAfter: null }
      }
    },
  }
}

export type Client = ReturnType<typeof createClient>

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function detailOf(body: unknown, text: string): string {
  const code = (body as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : text.slice(0, 80)
}

function failureOf(error: unknown): 'refused' | 'reset' | 'timeout' {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout'
  const code = (error as { cause?: { code?: string } }).cause?.code
  return code === 'ECONNREFUSED' ? 'refused' : 'reset'
}
