import { createServer, type IncomingMessage } from 'node:http'
import { PHONE_CONNECTIONS, sendAtRate } from '../broker/paced'
import { dueBy, percentile, wallClockMs } from '../broker/stats'
import { pingLog } from '../realtime/pings'
import type { PingRun, PingRunRequest } from './pings'

/**
 * The city's phones, in a process of their own so the sockets' copies and the bench's own
 * work cost the sender's timing nothing: POST /run sends the fleet's pings at a fixed rate,
 * reached over the warm-up's first half, on as many keep-alive connections as a proxy in
 * front would use, and answers, once the last ping is answered, with the pings of the
 * measured window.
 */
async function run(request: PingRunRequest): Promise<PingRun> {
  // The fleet comes on over the warm-up's first half: measured from its end, at full rate.
  const rampMs = (request.warmupSeconds * 1000) / 2
  const measuredFrom = dueBy(request.warmupSeconds * 1000, request.rate, Infinity, rampMs)
  const pings = pingLog({
    drivers: request.drivers,
    // The sockets match the pings themselves; nothing is kept here per tracking page.
    tracked: new Set(),
    measuredFrom,
  })
  const started = wallClockMs()
  const sent = await sendAtRate(
    {
      origin: request.origin,
      rate: request.rate,
      seconds: request.warmupSeconds + request.seconds,
      build: pings.build,
      timedFrom: measuredFrom,
      connections: PHONE_CONNECTIONS,
      rampSeconds: rampMs / 1000,
    },
    new AbortController().signal,
  )
  const [first] = pings.measured
  return {
    sent: sent.sent,
    statusCodes: sent.statusCodes,
    errors: sent.errors,
    startMs: first ? first.recordedAtMs : started,
    measured: pings.measured,
    answerMs: {
      p50: percentile(sent.latenciesMs, 50),
      p95: percentile(sent.latenciesMs, 95),
      p99: percentile(sent.latenciesMs, 99),
    },
    elapsedMs: wallClockMs() - started,
    rampMs,
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString())
}

const server = createServer(async (request, response) => {
  try {
    if (request.method === 'POST' && request.url === '/run') {
      const body = JSON.stringify(await run((await readJson(request)) as PingRunRequest))
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(body)
    }
    request.resume()
    response.writeHead(request.url === '/ready' ? 200 : 404).end()
  } catch (error) {
    response.writeHead(500).end(String(error))
  }
})
server.listen(Number(process.env.PORT), '127.0.0.1')

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0))
