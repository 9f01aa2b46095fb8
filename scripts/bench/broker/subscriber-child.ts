import { createServer } from 'node:http'
import { SENT_EXTENSION } from './event'
import { wallClockMs } from './stats'

/**
 * The Trigger's subscriber: answers every delivery 202 at once, as a Knative function that
 * returns nothing does, and notes how long each event took since the bench sent it. A child
 * process of its own, so the deliveries it takes cost the dispatcher's CPU nothing extra.
 *
 * GET /stats gives the deliveries since the last POST /reset and their latencies in ms;
 * GET /total counts every delivery since start, polled to tell when a backlog has drained.
 */
const header = `ce-${SENT_EXTENSION}`
let total = 0
let count = 0
let latenciesMs: number[] = []

const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/events') {
    const sentAt = Number(request.headers[header])
    const receivedAt = wallClockMs()
    total++
    count++
    if (Number.isFinite(sentAt)) latenciesMs.push(receivedAt - sentAt)
    // The body is not needed, but must be read for the connection to be reused.
    request.resume()
    request.on('end', () => response.writeHead(202).end())
    return
  }
  request.resume()
  if (request.method === 'POST' && request.url === '/reset') {
    count = 0
    latenciesMs = []
    return void response.writeHead(204).end()
  }
  if (request.method === 'GET' && (request.url === '/stats' || request.url === '/total')) {
    // Polled while events flow: the latencies would cost a long JSON each time.
    const stats = request.url === '/total' ? { total } : { total, count, latenciesMs }
    return void response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(stats))
  }
  if (request.method === 'GET' && request.url === '/ready') return void response.end('ready')
  response.writeHead(404).end()
})
// The dispatcher keeps its connections open between bursts; Node's 5 s default would drop them.
server.keepAliveTimeout = 60_000
server.listen(Number(process.env.PORT), '127.0.0.1')

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
