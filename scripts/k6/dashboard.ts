import { check } from 'k6'
import { Rate, Trend } from 'k6/metrics'
import type { Options } from 'k6/options'
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'k6/timers'
import { session } from './lib/auth.ts'
import {
  BASE_URL,
  count,
  DISPATCHER,
  DRIVER_EMAILS,
  driverOf,
  scenarios,
  seconds,
} from './lib/config.ts'
import { putOnDuty, takeOffDuty } from './lib/fleet.ts'
import { sendPing } from './lib/phone.ts'
import { openSocket } from './lib/socketio.ts'
import { CHECKS_HOLD, endpointSlo } from './lib/slo.ts'

/**
 * Dispatchers' dashboards holding the live map open: DASHBOARDS sockets on the realtime
 * gateway's `/` namespace for DURATION_SECONDS, each reconnecting every SOCKET_SECONDS. Each
 * VU also plays one driver (DRIVER_EMAILS, round robin) and pings every PING_INTERVAL_SECONDS,
 * and times how long its own ping takes to reach its own screen: `ping_to_screen`, from the
 * ping's time to the `fleet_positions` frame carrying it.
 *
 *   k6 run -e BASE_URL=https://dropmate.example.com -e DASHBOARDS=200 scripts/k6/dashboard.ts
 *
 * BASE_URL must reach the gateway too (one host with the API, as `npm start` and the Knative
 * Gateway route it).
 */

const DASHBOARDS = count('DASHBOARDS', 10)
const INTERVAL_MS = count('PING_INTERVAL_SECONDS', 2) * 1000
// Sessions are renewed two minutes before their token lapses (lib/auth.ts) and the gateway
// closes a socket whose token lapsed: a socket held longer could be cut mid-measure.
// A smoke run holds it for two or three pings.
const SOCKET_SECONDS = count('SOCKET_SECONDS', 60, 5)
if (SOCKET_SECONDS >= 120) throw new Error('SOCKET_SECONDS must stay under 120')

const pingToScreen = new Trend('ping_to_screen', true)
/** Pings whose position reached the screen, itself or overtaken by a newer one. */
const pingsOnScreen = new Rate('pings_on_screen')

export const options: Options = {
  scenarios: scenarios({
    dashboards: {
      executor: 'constant-vus',
      exec: 'watch',
      vus: DASHBOARDS,
      duration: seconds(count('DURATION_SECONDS', 300)),
    },
  }),
  thresholds: {
    // The gateway sends a frame of the drivers that moved every 20 ms (its window), so a ping
    // shows within that and the ping's own trip; the phone sends the next in seconds.
    ping_to_screen: ['p(95)<500', 'p(99)<1000'],
    pings_on_screen: ['rate>0.99'],
    'ws_connecting{endpoint:socket}': ['p(95)<1000'],
    ...endpointSlo('ping', { p95: 200, p99: 500 }),
    ...CHECKS_HOLD,
  },
}

interface Data {
  wentOnDuty: string[]
}

export function setup(): Data {
  return { wentOnDuty: putOnDuty(session(DISPATCHER), DRIVER_EMAILS) }
}

export function watch() {
  const dispatcher = session(DISPATCHER)
  const driver = driverOf(__VU)
  const driverId = session(driver).driverId
  // Times of this VU's pings not yet on screen, oldest first; ISO times sort as text.
  const pending: string[] = []
  let connected = false
  let pinging: number | undefined

  const ping = () => {
    const { res, time } = sendPing(session(driver), 'binary')
    if (res.status === 202) pending.push(time)
  }
  const shown = (recordedAt: string) => {
    const now = Date.now()
    // A ping a newer position of the same frame replaced was overtaken on screen: shown too.
    while (pending.length > 0 && pending[0]! <= recordedAt) {
      const time = pending.shift()!
      if (time === recordedAt) pingToScreen.add(now - Date.parse(time))
      pingsOnScreen.add(true)
    }
  }

  const socket = openSocket(
    BASE_URL,
    '/',
    { token: dispatcher.token },
    { endpoint: 'socket' },
    {
      connected() {
        connected = true
        ping()
        pinging = setInterval(ping, INTERVAL_MS)
      },
      refused: () => socket.close(),
      event(name, [frame]) {
        if (name !== 'fleet_positions') return
        // Rows: [driverId, lat, lng, accuracyM, speedMps, headingDeg, recordedAtMs, deliveries].
        const { positions } = frame as { positions: [string, ...unknown[]][] }
        const own = positions.find(([id]) => id === driverId)
        if (own) shown(new Date(own[6] as number).toISOString())
      },
    },
  )

  const hangUp = setTimeout(() => socket.close(), SOCKET_SECONDS * 1000)
  let finished = false
  const finish = () => {
    if (finished) return
    finished = true
    clearTimeout(hangUp)
    if (pinging !== undefined) clearInterval(pinging)
    check(connected, { 'dashboard connected': (yes) => yes })
    for (const _ of pending.splice(0)) pingsOnScreen.add(false)
  }
  socket.addEventListener('close', finish)
  socket.addEventListener('error', () => {
    finish()
    socket.close()
  })
}

export function teardown({ wentOnDuty }: Data) {
  takeOffDuty(session(DISPATCHER), wentOnDuty)
}
