import { check } from 'k6'
import { Trend } from 'k6/metrics'
import type { Options } from 'k6/options'
import { api } from './lib/api.ts'
import { session } from './lib/auth.ts'
import { count, DISPATCHER, scenarios, seconds } from './lib/config.ts'
import { pick } from './lib/random.ts'
import { knownShipments, listPage } from './lib/shipments.ts'
import { CHECKS_HOLD, endpointSlo } from './lib/slo.ts'

/**
 * The first customers and dispatchers of the morning: nothing for IDLE_SECONDS, so every
 * function scales to zero, then BURST_VUS people at once, each tracking a parcel, signing in
 * and opening the shipments list BURST_ITERATIONS times. `first_response` times each VU's
 * first lookup and list: what the first users wait while pods start.
 *
 *   k6 run -e BASE_URL=https://api.example.com scripts/k6/cold-start.ts
 *
 * Setup lists shipments before the idle period, which wakes those functions: the idle period
 * must outlast how long the deployment keeps an idle pod.
 */

// track-shipment keeps its last pod 15 minutes after the last lookup
// (knative/base/services/track-shipment.yaml); two more for Knative's stable window and grace.
const IDLE_SECONDS = count('IDLE_SECONDS', 17 * 60)

const firstResponse = new Trend('first_response', true)

export const options: Options = {
  scenarios: scenarios({
    burst: {
      executor: 'per-vu-iterations',
      exec: 'burst',
      startTime: seconds(IDLE_SECONDS),
      // 30 lookups: within the 60 a minute the API answers one client address by default.
      vus: count('BURST_VUS', 10),
      iterations: count('BURST_ITERATIONS', 3),
      maxDuration: '2m',
    },
  }),
  thresholds: {
    // Knative cold starts take 0.8 to 2 s typically (REFERENCE.md); the first users wait that.
    'first_response{endpoint:track}': ['p(95)<3000', 'p(99)<5000'],
    'first_response{endpoint:list}': ['p(95)<3000', 'p(99)<5000'],
    ...endpointSlo('track', { p95: 2000, p99: 4000 }),
    ...endpointSlo('login', { p95: 3000, p99: 5000 }),
    ...endpointSlo('list', { p95: 2000, p99: 4000 }),
    ...CHECKS_HOLD,
  },
}

interface Data {
  trackingNumbers: string[]
}

export function setup(): Data {
  const shipments = knownShipments(session(DISPATCHER), 100)
  return { trackingNumbers: shipments.map((shipment) => shipment.trackingNumber) }
}

export function burst({ trackingNumbers }: Data) {
  const tracked = api('GET', '/api/shipments/track/{trackingNumber}', {
    endpoint: 'track',
    path: { trackingNumber: pick(trackingNumbers) },
  })
  check(tracked, { 'parcel found': (r) => r.status === 200 })
  // Signs in on the first iteration: the login function's own cold start.
  const { res: listed } = listPage(session(DISPATCHER), 'list', { limit: '25', counts: 'true' })
  if (__ITER === 0) {
    firstResponse.add(tracked.timings.duration, { endpoint: 'track' })
    firstResponse.add(listed.timings.duration, { endpoint: 'list' })
  }
}
