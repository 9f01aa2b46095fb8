import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { IN_PROCESS } from '@dropmate/runtime'

/** How a POST is made: over HTTP (`httpPost`), or handed to an app in this process. */
export type Post = (
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  timeoutMs: number,
) => Promise<Response>

/**
 * Keep-alive connections per subscriber, shared by every delivery of the process. node:http
 * costs ~100 µs of CPU per POST where fetch costs ~450 µs (measured by npm run bench), and
 * delivering is most of what a dispatcher does.
 */
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
}

/**
 * POSTs `body` and resolves with the whole answer as a `Response`, whatever its status.
 * Rejects on network errors and when no complete answer came within `timeoutMs`.
 */
export const httpPost: Post = (url, headers, body, timeoutMs) => {
  const target = new URL(url)
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  const agent = agents[target.protocol as keyof typeof agents]
  if (!agent) return Promise.reject(new Error(`${target.protocol} is not http(s)`))
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method: 'POST', headers, agent }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('error', reject)
      incoming.on('end', () => {
        clearTimeout(timer)
        const status = incoming.statusCode ?? 502
        // A Response may not carry a body with these statuses.
        const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks)
        resolve(new Response(payload, { status, headers: headerList(incoming.headers) }))
      })
    })
    const timer = setTimeout(() => outgoing.destroy(noAnswerWithin(timeoutMs)), timeoutMs)
    outgoing.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    outgoing.end(body)
  })
}

function headerList(headers: IncomingHttpHeaders): Array<[string, string]> {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
  )
}

/**
 * POSTs to `origin` by handing the request to `fetch`, the app of this very process, and to
 * anywhere else over HTTP. The one-process server delivers to its own realtime gateway and
 * notify function this way: the same Request and Response, without a socket, an HTTP client
 * or a parser in between (a third of that process's CPU at 1,000 pings/s, npm run bench).
 *
 * @example
 * broker.start(localResolver(origin), postingInProcess(origin, shell.fetch))
 */
export function postingInProcess(
  origin: string,
  fetch: (request: Request, env: typeof IN_PROCESS) => Response | Promise<Response>,
): Post {
  return async (url, headers, body, timeoutMs) => {
    if (!url.startsWith(`${origin}/`)) return httpPost(url, headers, body, timeoutMs)
    const request = new Request(url, { method: 'POST', headers, body })
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(noAnswerWithin(timeoutMs)), timeoutMs)
    })
    try {
      return await Promise.race([fetch(request, IN_PROCESS), timedOut])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Named as AbortSignal.timeout names its error, which callers tell from a refusal. */
function noAnswerWithin(timeoutMs: number): Error {
  const timeout = new Error(`no answer within ${timeoutMs} ms`)
  timeout.name = 'TimeoutError'
  return timeout
}
