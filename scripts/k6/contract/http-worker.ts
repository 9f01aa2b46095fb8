import { request as plainRequest, type IncomingMessage } from 'node:http'
import { request as tlsRequest } from 'node:https'
import { runAsWorker } from 'synckit'

/**
 * The worker thread behind the k6/http shim: k6's requests are synchronous, Node's are not,
 * so the shim blocks on this worker (synckit) while it makes the request. node:http rather
 * than fetch, since fetch adds headers (a text/plain content type, accept, sec-fetch-mode)
 * k6 would not send.
 */

export interface WireRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
  timeoutMs: number
}

export interface WireResponse {
  /** 0 when no response came. */
  status: number
  headers: Record<string, string>
  body: string
  error: string
  /** Milliseconds to the first byte of the response, and to its last. */
  waiting: number
  duration: number
}

function send(wire: WireRequest): Promise<WireResponse> {
  const started = performance.now()
  const request = wire.url.startsWith('https:') ? tlsRequest : plainRequest
  return new Promise((resolve) => {
    const failed = (error: Error) =>
      resolve({ status: 0, headers: {}, body: '', error: error.message, waiting: 0, duration: 0 })
    const outgoing = request(
      wire.url,
      { method: wire.method, headers: wire.headers, timeout: wire.timeoutMs },
      (response: IncomingMessage) => {
        const waiting = performance.now() - started
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', failed)
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
            error: '',
            waiting,
            duration: performance.now() - started,
          }),
        )
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error('request timeout')))
    outgoing.on('error', failed)
    outgoing.end(wire.body ?? undefined)
  })
}

runAsWorker(send)
