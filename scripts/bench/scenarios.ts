import type autocannon from 'autocannon'
import { SHOP } from '../seed/demo-data'
import { PING_TARGET, TRACKING_TARGET, type Target } from './targets'

export interface Scenario {
  name: string
  /** Where the load goes: always a 127.0.0.1 origin. */
  origin: string
  requests: autocannon.Request[]
  target?: Target
}

/** A signed-in demo driver, whose phone the ping scenario plays. */
export interface BenchDriver {
  driverId: string
  token: string
}

export interface BenchTargets {
  baselineOrigin: string
  apiOrigin: string
  /** The ingest function alone, as its Knative Service runs it. */
  ingestOrigin: string
  token: string
  trackingNumbers: string[]
  drivers: BenchDriver[]
}

/** The measured scenarios, baseline first: every ratio in the report is against it. */
export function benchScenarios(targets: BenchTargets): Scenario[] {
  const auth = { authorization: `Bearer ${targets.token}` }
  const created = counter()
  return [
    { name: 'hello world (baseline)', origin: targets.baselineOrigin, requests: [{ path: '/' }] },
    {
      name: 'GET /api/shipments/track/:number',
      origin: targets.apiOrigin,
      target: TRACKING_TARGET,
      requests: trackingLookups(targets.trackingNumbers),
    },
    {
      name: 'GET /api/shipments?limit=25',
      origin: targets.apiOrigin,
      requests: [{ path: '/api/shipments?limit=25', headers: auth }],
    },
    {
      name: 'POST /api/shipments',
      origin: targets.apiOrigin,
      requests: [
        {
          method: 'POST',
          path: '/api/shipments',
          setupRequest: (request) => ({
            ...request,
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(shipmentBody(created())),
          }),
        },
      ],
    },
    {
      name: 'POST /api/locations (a ping)',
      origin: targets.ingestOrigin,
      target: PING_TARGET,
      requests: pings(targets.drivers),
    },
    // Each ping is built as it leaves (its id and time must be new), which costs autocannon
    // more than the server's whole answer to hello world: this row is the most the bench
    // can send of them, the ceiling of the row above.
    {
      name: "hello world, answering a ping's requests",
      origin: targets.baselineOrigin,
      requests: pings(targets.drivers),
    },
  ]
}

/** Binary-mode pings from `drivers` in turn, each built as it leaves. */
function pings(drivers: BenchDriver[]): autocannon.Request[] {
  const pinged = counter()
  return [
    {
      method: 'POST',
      path: '/api/locations',
      setupRequest: (request) => {
        const n = pinged()
        return { ...request, ...pingRequest(drivers[n % drivers.length]!, n) }
      },
    },
  ]
}

// Enough distinct lookups that each client address asks for every parcel in turn.
const LOOKUPS = 1_024

/**
 * Public lookups of `trackingNumbers` in turn, each from the next of 256 client addresses.
 * Built once, not per request: autocannon then sends them as cheaply as the baseline's, so
 * the ratio measures the server and not the load generator (which, building each request,
 * tops out near half the baseline's rate here).
 */
export function trackingLookups(trackingNumbers: string[]): autocannon.Request[] {
  return Array.from({ length: LOOKUPS }, (_, n) => ({
    path: `/api/shipments/track/${encodeURIComponent(trackingNumbers[n % trackingNumbers.length]!)}`,
    headers: { 'x-forwarded-for': forwardedFor(n) },
  }))
}

/**
 * A binary-mode ping from `driver`'s phone, stamped `at` (now by default), somewhere within
 * a kilometre of the shop: what a phone sends every couple of seconds.
 */
export function pingRequest(driver: BenchDriver, n: number, at = new Date()) {
  return {
    headers: {
      authorization: `Bearer ${driver.token}`,
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-type': 'com.dropmate.driver.location.v1',
      'ce-source': '/bench/phone',
      'ce-id': `bench-${n}-${at.getTime()}`,
      'ce-subject': driver.driverId,
      'ce-time': at.toISOString(),
    },
    body: JSON.stringify({
      lat: SHOP.lat + ((n % 200) - 100) / 10_000,
      lng: SHOP.lng + ((n % 170) - 85) / 10_000,
      accuracyM: 5 + (n % 20),
      speedMps: (n % 12) / 1.5,
      headingDeg: (n * 7) % 360,
    }),
  }
}

function counter(): () => number {
  let n = 0
  return () => n++
}

/**
 * One of 256 client addresses (TEST-NET-2, RFC 5737), read by the server with
 * TRUST_PROXY=true: the per-address tracking limit tops out at 100,000 a minute, which
 * one address would exceed on a fast machine, and real lookups come from many addresses.
 */
export function forwardedFor(n: number): string {
  return `198.51.100.${n % 256}`
}

/** A valid new-shipment body that differs a little from request to request. */
export function shipmentBody(n: number) {
  return {
    sender: SHOP,
    receiver: {
      name: `Bench customer ${n}`,
      address: `Rua Augusta ${(n % 250) + 1}, 1100-053 Lisboa`,
      lat: 38.71 + (n % 100) / 10_000,
      lng: -9.137 - (n % 100) / 10_000,
    },
    package: { weightKg: 0.5 + (n % 8) / 4, description: `${(n % 12) + 1} pastéis de nata` },
  }
}
