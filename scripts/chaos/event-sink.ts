import { eventsFromMessage } from '@dropmate/broker'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface DeliveredEvent {
  id: string
  type: string
  subject: string | undefined
}

/**
 * The subscriber of the suite's own Triggers: every event the broker delivers to it is
 * noted (a redelivery noted again) and answered 202, as a Knative function that returns
 * nothing does. What it saw is how the suite tells an event the broker lost.
 */
export async function startEventSink() {
  const delivered: DeliveredEvent[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      try {
        const headers = Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        )
        for (const event of eventsFromMessage(headers, Buffer.concat(chunks))) {
          delivered.push({ id: event.id, type: event.type, subject: event.subject })
        }
        response.writeHead(202).end()
      } catch {
        response.writeHead(400).end()
      }
    })
  })
  // The dispatcher keeps its connections open between events; Node's 5 s default drops them.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/events`,
    delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
