import type { Options, Scenario } from 'k6/options'
import { session } from './lib/auth.ts'
import type { Mode } from './lib/cloudevents.ts'
import {
  count,
  DISPATCHER,
  DRIVER_EMAILS,
  DRIVER_PASSWORD,
  scenarios,
  seconds,
} from './lib/config.ts'
import { putOnDuty, takeOffDuty } from './lib/fleet.ts'
import { sendCatchUp, sendPing } from './lib/phone.ts'
import { pick } from './lib/random.ts'
import { CHECKS_HOLD, endpointSlo } from './lib/slo.ts'

/**
 * Drivers' phones reporting where they are: every driver in DRIVER_EMAILS, signed in as
 * themselves, sends one CloudEvent ping every PING_INTERVAL_SECONDS for DURATION_SECONDS (a
 * scenario per driver, so each keeps its own steady rate). Half the phones send binary mode,
 * half structured. Now and then (CATCH_UP_PER_MINUTE) a phone comes out of a dead zone and
 * sends the CATCH_UP_PINGS fixes it kept as one batch.
 *
 *   k6 run -e BASE_URL=https://api.example.com -e PING_INTERVAL_SECONDS=1 scripts/k6/pings.ts
 *
 * Drivers who were off duty are put on duty at setup and taken off again at teardown.
 */

const INTERVAL_SECONDS = count('PING_INTERVAL_SECONDS', 2)
const DURATION = seconds(count('DURATION_SECONDS', 300))
// Five minutes without signal at one fix every two seconds.
const CATCH_UP_PINGS = count('CATCH_UP_PINGS', 150)

const drivers: Record<string, Scenario> = {}
DRIVER_EMAILS.forEach((email, i) => {
  const mode: Mode = i % 2 === 0 ? 'binary' : 'structured'
  drivers[`driver_${i + 1}`] = {
    executor: 'constant-arrival-rate',
    exec: 'ping',
    rate: 1,
    timeUnit: seconds(INTERVAL_SECONDS),
    duration: DURATION,
    preAllocatedVUs: 1,
    maxVUs: 2,
    // Scenario env reaches __ENV in the VU code of this scenario only, not at init.
    env: { DRIVER_EMAIL: email, PING_MODE: mode },
  }
})

export const options: Options = {
  scenarios: scenarios({
    ...drivers,
    catch_up: {
      executor: 'constant-arrival-rate',
      exec: 'catchUp',
      rate: count('CATCH_UP_PER_MINUTE', 2),
      timeUnit: '1m',
      duration: DURATION,
      preAllocatedVUs: 1,
      maxVUs: 4,
    },
  }),
  thresholds: {
    // A ping is one small write; a phone sends the next a second or two later.
    ...endpointSlo('ping', { p95: 200, p99: 500 }),
    // Hundreds of fixes checked and stored as one.
    ...endpointSlo('ping_batch', { p95: 1500, p99: 3000 }),
    ...CHECKS_HOLD,
  },
}

interface Data {
  wentOnDuty: string[]
}

export function setup(): Data {
  return { wentOnDuty: putOnDuty(session(DISPATCHER), DRIVER_EMAILS) }
}

export function ping() {
  const driver = session({ email: __ENV.DRIVER_EMAIL!, password: DRIVER_PASSWORD })
  sendPing(driver, __ENV.PING_MODE as Mode)
}

export function catchUp() {
  const driver = session({ email: pick(DRIVER_EMAILS), password: DRIVER_PASSWORD })
  sendCatchUp(driver, CATCH_UP_PINGS, INTERVAL_SECONDS)
}

export function teardown({ wentOnDuty }: Data) {
  takeOffDuty(session(DISPATCHER), wentOnDuty)
}
