import {
  NAMESPACES,
  type DriverLocation,
  type FleetRow,
  type AppClientEvents,
  type AppServerEvents,
  type TrackingClientEvents,
  type TrackingServerEvents,
} from '@dropmate/contracts/sockets'
import { createServer, type IncomingMessage } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import { wallClockMs } from '../broker/stats'
import { lateMs, LOOP_RESOLUTION_MS } from '../loop-delay'
import { matchLatestWins, receivedByPing, SocketArrivals } from './arrivals'
import { BytesOverTime } from './bytes'
import type {
  Connected,
  ConnectRequest,
  MatchRequest,
  ReceivedCount,
  SocketMatches,
  SocketStats,
} from './sockets'

/**
 * The dashboards and tracking pages of the realtime run, in a process of their own so the
 * copies they take cost the ping sender's event loop nothing: POST /connect opens them, and
 * each position (a `driver_location`, or an entry of a dispatcher's `fleet_positions` frame)
 * is noted per socket with its arrival time (wall clock, as the sender stamps).
 *
 * POST /reset starts a new window; GET /count says how many copies arrived since (polled
 * while positions flow), GET /stats which ones and when, POST /match how late each socket
 * had the pings it was due and the bytes taken (the city run, whose copies are too many to
 * send).
 */
type DispatcherSocket = Socket<AppServerEvents, AppClientEvents>
type TrackingSocket = Socket<TrackingServerEvents, TrackingClientEvents>

// More at once only queue behind the gateway's handshakes; fewer take longer to open 1,000.
const OPENING_AT_ONCE = 50
const TIMEOUT_MS = 10_000
const OPTIONS = {
  transports: ['websocket'],
  // One connection per socket, as separate browsers have: by default same-origin sockets share one.
  forceNew: true,
  // A socket the gateway drops is a finding; coming back would hide it.
  reconnection: false,
  timeout: TIMEOUT_MS,
}

type Kind = keyof ReceivedCount

const sockets: Socket[] = []
const arrivals = { dispatcher: [] as SocketArrivals[], tracking: [] as SocketArrivals[] }
const bytes = { dispatcher: new BytesOverTime(), tracking: new BytesOverTime() }
let counts: ReceivedCount = { dispatcher: 0, tracking: 0 }
const disconnects: Record<string, number> = {}
let closing = false
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
loopDelay.enable()

/** Resolves with undefined once connected, or with why not. */
function opened(socket: Socket, kind: Kind): Promise<string | undefined> {
  sockets.push(socket)
  // Each message's encoded text as the engine hands it over: its bytes, as the JSON is ASCII.
  // The manager opens its engine as the socket is made, and never again (no reconnection).
  socket.io.engine.on('data', (data: unknown) => {
    if (typeof data === 'string') bytes[kind].add(wallClockMs(), data.length)
  })
  socket.on('disconnect', (reason) => {
    if (!closing) disconnects[reason] = (disconnects[reason] ?? 0) + 1
  })
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(undefined))
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
      resolve(error.data?.code ?? error.message),
    )
  })
}

function openDispatcher(origin: string, token: string): Promise<string | undefined> {
  const socket: DispatcherSocket = io(`${origin}${NAMESPACES.app}`, { ...OPTIONS, auth: { token } })
  const received = new SocketArrivals()
  arrivals.dispatcher.push(received)
  const note = (driverId: string, recordedAtMs: number, at: number) => {
    counts.dispatcher++
    received.note(driverId, recordedAtMs, at)
  }
  // Every contract a build may speak, to compare builds: one message per driver, or one
  // frame per window with every driver that moved, each entry a row (or, before rows, a copy
  // of that driver's position).
  socket.on('driver_location', (location) =>
    note(location.driverId, Date.parse(location.recordedAt), wallClockMs()),
  )
  socket.on('fleet_positions', ({ positions }) => {
    const at = wallClockMs()
    for (const entry of positions as (FleetRow | DriverLocation)[]) {
      if (Array.isArray(entry)) note(entry[0], entry[6], at)
      else note(entry.driverId, Date.parse(entry.recordedAt), at)
    }
  })
  return opened(socket, 'dispatcher')
}

async function openTracking(origin: string, parcel: ConnectRequest['tracked'][number]) {
  const socket: TrackingSocket = io(`${origin}${NAMESPACES.tracking}`, OPTIONS)
  const received = new SocketArrivals(parcel.driverId)
  socket.on('driver_location', (location) => {
    const at = wallClockMs()
    counts.tracking++
    received.note(parcel.driverId, Date.parse(location.recordedAt), at)
  })
  const refused = await opened(socket, 'tracking')
  // Only a socket that follows its parcel is due its positions.
  if (!refused) arrivals.tracking.push(received)
  if (refused) return refused
  const reply = await socket
    .timeout(TIMEOUT_MS)
    .emitWithAck('track', { trackingNumber: parcel.trackingNumber })
    .catch(() => ({ ok: false as const, code: 'track_timeout' }))
  return reply.ok ? undefined : reply.code
}

type Opening = () => Promise<{ driverId?: string; refused?: string | undefined }>

async function connect(request: ConnectRequest): Promise<Connected> {
  const started = performance.now()
  const { origin, token } = request
  const opens: Opening[] = [
    ...Array.from({ length: request.dispatchers }, (): Opening => async () => ({
      refused: await openDispatcher(origin, token),
    })),
    ...request.tracked.map((parcel): Opening => async () => ({
      driverId: parcel.driverId,
      refused: await openTracking(origin, parcel),
    })),
  ]
  const connected: Connected = { dispatchers: 0, tracked: [], refused: {}, connectMs: 0 }
  for (let i = 0; i < opens.length; i += OPENING_AT_ONCE) {
    const batch = await Promise.all(opens.slice(i, i + OPENING_AT_ONCE).map((open) => open()))
    for (const { driverId, refused } of batch) {
      if (refused) connected.refused[refused] = (connected.refused[refused] ?? 0) + 1
      else if (driverId) connected.tracked.push(driverId)
      else connected.dispatchers++
    }
  }
  connected.connectMs = performance.now() - started
  return connected
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString())
}

const server = createServer(async (request, response) => {
  const answer = (status: number, body?: unknown) => {
    if (body === undefined) return void response.writeHead(status).end()
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  try {
    if (request.method === 'POST' && request.url === '/connect') {
      return answer(200, await connect((await readJson(request)) as ConnectRequest))
    }
    if (request.method === 'POST' && request.url === '/match') {
      const { pings, startMs, bytesFrom, bytesTo } = (await readJson(request)) as MatchRequest
      const matches: SocketMatches = {
        dispatcher: matchLatestWins(arrivals.dispatcher, pings, startMs),
        tracking: matchLatestWins(arrivals.tracking, pings, startMs),
        bytes: {
          dispatcher: bytes.dispatcher.between(bytesFrom, bytesTo),
          tracking: bytes.tracking.between(bytesFrom, bytesTo),
        },
        disconnects,
        // Since the last reset, which the run sends as its pings start.
        loopDelayMs: {
          p99: lateMs(loopDelay.percentile(99) / 1e6),
          max: lateMs(loopDelay.max / 1e6),
        },
      }
      return answer(200, matches)
    }
    request.resume()
    if (request.method === 'POST' && request.url === '/reset') {
      for (const socket of [...arrivals.dispatcher, ...arrivals.tracking]) socket.byDriver.clear()
      bytes.dispatcher.clear()
      bytes.tracking.clear()
      counts = { dispatcher: 0, tracking: 0 }
      loopDelay.reset()
      return answer(204)
    }
    if (request.method === 'GET' && request.url === '/count') return answer(200, counts)
    if (request.method === 'GET' && request.url === '/stats') {
      const stats: SocketStats = {
        dispatcher: receivedByPing(arrivals.dispatcher),
        tracking: receivedByPing(arrivals.tracking),
        disconnects,
      }
      return answer(200, stats)
    }
    if (request.method === 'GET' && request.url === '/ready') return answer(200, 'ready')
    answer(404)
  } catch (error) {
    answer(500, { error: String(error) })
  }
})
server.listen(Number(process.env.PORT), '127.0.0.1')

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    closing = true
    for (const socket of sockets) socket.disconnect()
    process.exit(0)
  })
}
