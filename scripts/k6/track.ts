import { check } from 'k6'
import type { Options } from 'k6/options'
import { api, jsonOf } from './lib/api.ts'
import { session } from './lib/auth.ts'
import { count, DISPATCHER, scenarios, seconds } from './lib/config.ts'
import { pick } from './lib/random.ts'
import { knownShipments } from './lib/shipments.ts'
import { CHECKS_HOLD, endpointSlo } from './lib/slo.ts'

/**
 * Customers tracking their parcels on the public page, without signing in: lookups arrive
 * faster and faster up to TRACK_RATE a second, hold there for DURATION_SECONDS, and ease off.
 * The tracking numbers are the real ones a dispatcher sees, found at setup.
 *
 *   k6 run -e BASE_URL=https://api.example.com scripts/k6/track.ts
 *
 * The API answers each client address at most TRACKING_RATE_LIMIT_PER_MINUTE lookups a
 * minute (60 by default); one load generator is one address, so raise it on the deployment
 * for the test or the `not rate limited` check fails.
 */

const RATE = count('TRACK_RATE', 50)
const RAMP_SECONDS = count('RAMP_SECONDS', 60)
const DURATION_SECONDS = count('DURATION_SECONDS', 180)

export const options: Options = {
  scenarios: scenarios({
    customers: {
      executor: 'ramping-arrival-rate',
      exec: 'track',
      startRate: 1,
      timeUnit: '1s',
      stages: [
        { target: RATE, duration: seconds(RAMP_SECONDS) },
        { target: RATE, duration: seconds(DURATION_SECONDS) },
        { target: 0, duration: seconds(RAMP_SECONDS) },
      ],
      // A lookup takes well under a second, so a VU per two lookups a second keeps up.
      preAllocatedVUs: Math.ceil(RATE / 2),
      maxVUs: RATE * 2,
    },
  }),
  thresholds: {
    // One indexed read behind a cache: a page load the customer does not notice.
    ...endpointSlo('track', { p95: 250, p99: 600 }),
    ...CHECKS_HOLD,
  },
}

interface Data {
  trackingNumbers: string[]
}

export function setup(): Data {
  const shipments = knownShipments(session(DISPATCHER), count('TRACKING_NUMBERS', 500))
  return { trackingNumbers: shipments.map((shipment) => shipment.trackingNumber) }
}

export function track({ trackingNumbers }: Data) {
  const res = api('GET', '/api/shipments/track/{trackingNumber}', {
    endpoint: 'track',
    path: { trackingNumber: pick(trackingNumbers) },
  })
  check(res, {
    'parcel found': (r) => r.status === 200 && jsonOf<{ status?: string }>(r)?.status !== undefined,
    'not rate limited': (r) => r.status !== 429,
  })
}
