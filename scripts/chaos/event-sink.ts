import { eventsFromMessage } from '@dropmate/events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface DeliveredEvent {
  id: string
  type: string
  subject: string | undefined
}

/**
 * The subscriber of the suite's own Triggers. It answers each delivery 202 `latencyMs` after
 * it came in, as a subscriber that does some work, and counts the events as delivered only
 * once that answer went out: a delivery whose sender died first was never acknowledged, and
 * the broker owes it again. A redelivery is noted again.
 */
export async function startEventSink({ latencyMs = 0 } = {}) {
  const delivered: DeliveredEvent[] = []
  const arrived: DeliveredEvent[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      let events: DeliveredEvent[]
      try {
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        )
        events = eventsFromMessage(headers, Buffer.concat(chunks)).map((event) => ({
          id: event.id,
          type: event.type,
          subject: event.subject,
        }))
      } catch {
        return void response.writeHead(400).end()
      }
      arrived.push(...events)
      setTimeout(() => {
        // The sender is gone (it closed its end, as only a dead client does mid-request):
        // nobody will hear this answer.
        if (request.socket.readableEnded || request.socket.destroyed) return
        response.on('finish', () => delivered.push(...events))
        response.writeHead(202).end()
      }, latencyMs)
    })
  })
  // The dispatcher keeps its connections open between events; Node's 5 s default drops them.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/events`,
    delivered,
    /** Events that reached it so far, answered or not yet. */
    arrived,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
