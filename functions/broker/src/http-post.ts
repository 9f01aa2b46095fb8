import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

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
export function httpPost(
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  timeoutMs: number,
): Promise<Response> {
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
    const timer = setTimeout(() => {
      const timeout = new Error(`no answer within ${timeoutMs} ms`)
      timeout.name = 'TimeoutError' // as AbortSignal.timeout names it
      outgoing.destroy(timeout)
    }, timeoutMs)
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
