import type { CloudEvent } from 'cloudevents'
import { HTTP } from 'cloudevents'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  event: CloudEvent
  headers: Record<string, string>
  at: number
}

export type Answer = (
  event: CloudEvent,
  attempt: number,
) =>
  | {
      status: number
      headers?: Record<string, string>
      body?: string
    }
  | Promise<{ status: number; headers?: Record<string, string>; body?: string }>

/** A real HTTP subscriber on loopback that records what it receives and answers as told. */
export async function startSubscriber(answer: Answer = () => ({ status: 202 })) {
  const received: Received[] = []
  const attempts = new Map<string, number>()
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    )
    const event = HTTP.toEvent({ headers, body: Buffer.concat(chunks).toString() }) as CloudEvent
    received.push({ event, headers, at: Date.now() })
    const attempt = (attempts.get(event.id) ?? 0) + 1
    attempts.set(event.id, attempt)
    const reply = await answer(event, attempt)
    response.writeHead(reply.status, reply.headers).end(reply.body ?? '')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    /** Resolves once `count` deliveries arrived, or rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`got ${received.length} of ${count} deliveries`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      return received
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
