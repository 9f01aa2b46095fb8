import type { Party } from '@dropmate/contracts/rest'
import { fail } from 'k6'
import type { Options } from 'k6/options'
import { session } from './lib/auth.ts'
import { count, DISPATCHER, scenarios, seconds } from './lib/config.ts'
import { listDrivers } from './lib/fleet.ts'
import { pick } from './lib/random.ts'
import {
  assignShipment,
  createShipment,
  knownShipments,
  listPage,
  searchTermsOf,
} from './lib/shipments.ts'
import { CHECKS_HOLD, endpointSlo } from './lib/slo.ts'

/**
 * Dispatchers at work on the dashboard: DISPATCH_RATE actions a minute for DURATION_SECONDS,
 * half of them opening the shipments list, a quarter searching it, the rest creating
 * shipments and assigning them to drivers. Each action is its own scenario with its share
 * of the rate, so the mix holds exactly however the run goes.
 *
 *   k6 run -e BASE_URL=https://api.example.com -e DISPATCH_RATE=600 scripts/k6/dispatch.ts
 *
 * Every shipment made carries a `k6-` reference: run it against a staging deployment, or
 * cancel those afterwards.
 */

const RATE = count('DISPATCH_RATE', 120)
const DURATION = seconds(count('DURATION_SECONDS', 300))

// A dispatcher mostly looks: at the list, and for one parcel in it.
const MIX = { list: 0.5, search: 0.25, create: 0.15, assign: 0.1 }

function share(action: keyof typeof MIX) {
  return {
    executor: 'constant-arrival-rate' as const,
    exec: action,
    rate: Math.max(1, Math.round(RATE * MIX[action])),
    timeUnit: '1m',
    duration: DURATION,
    preAllocatedVUs: 2,
    maxVUs: 20,
  }
}

export const options: Options = {
  scenarios: scenarios({
    list: share('list'),
    search: share('search'),
    create: share('create'),
    assign: share('assign'),
  }),
  thresholds: {
    // Reads that fill the dashboard as it opens; writes a person waits on after a click.
    ...endpointSlo('list', { p95: 400, p99: 1000 }),
    ...endpointSlo('search', { p95: 400, p99: 1000 }),
    ...endpointSlo('create', { p95: 500, p99: 1200 }),
    ...endpointSlo('assign', { p95: 500, p99: 1200 }),
    ...CHECKS_HOLD,
  },
}

interface Data {
  /** Whom new shipments are from: the shop, as its newest shipment has it. */
  sender: Party
  searchTerms: string[]
  driverIds: string[]
}

export function setup(): Data {
  const dispatcher = session(DISPATCHER)
  const shipments = knownShipments(dispatcher, 200)
  const drivers = listDrivers(dispatcher)
  const onDuty = drivers.filter((driver) => driver.dutyStatus !== 'offline')
  const assignable = onDuty.length > 0 ? onDuty : drivers
  if (assignable.length === 0) fail('there are no drivers to assign shipments to')
  return {
    sender: shipments[0]!.sender,
    searchTerms: searchTermsOf(shipments),
    driverIds: assignable.map((driver) => driver.id),
  }
}

export function list() {
  listPage(session(DISPATCHER), 'list', { limit: '25', counts: 'true' })
}

export function search({ searchTerms }: Data) {
  listPage(session(DISPATCHER), 'search', { limit: '25', q: pick(searchTerms) })
}

export function create({ sender }: Data) {
  createShipment(session(DISPATCHER), sender)
}

/** A new shipment, straight to a driver: assigning needs one still pending, and this one is. */
export function assign({ sender, driverIds }: Data) {
  const dispatcher = session(DISPATCHER)
  const created = createShipment(dispatcher, sender)
  if (created) assignShipment(dispatcher, created.id, pick(driverIds))
}
