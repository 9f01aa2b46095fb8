import type { Party, Shipment, ShipmentPage } from '@dropmate/contracts/rest'
import { check, fail } from 'k6'
import type { Response } from 'k6/http'
import { api, jsonOf } from './api.ts'
import type { Session } from './auth.ts'
import { randomId } from './random.ts'

// The API's largest page.
const PAGE_SIZE = 100

/**
 * One page of the shipments list, as the dashboard asks for it; `page` is null (and a check
 * failed) when the API refuses.
 */
export function listPage(
  session: Session,
  endpoint: string,
  query: Record<string, string>,
): { res: Response; page: ShipmentPage | null } {
  const res = api('GET', '/api/shipments', { endpoint, token: session.token, query })
  const page = res.status === 200 ? jsonOf<ShipmentPage>(res) : null
  check(res, { 'shipments listed': () => page !== null })
  return { res, page }
}

/**
 * Up to `wanted` shipments the account sees, newest first, for setup() to draw test data from.
 * Fails the test when there is nothing to draw from.
 */
export function knownShipments(session: Session, wanted: number): Shipment[] {
  const found: Shipment[] = []
  let cursor: string | null = null
  do {
    const query: Record<string, string> = { limit: String(PAGE_SIZE) }
    if (cursor) query.cursor = cursor
    const { page } = listPage(session, 'list', query)
    if (!page) fail(`${session.email} cannot list shipments`)
    found.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && found.length < wanted)
  if (found.length === 0) fail(`${session.email} sees no shipments: seed some (npm run db:seed)`)
  return found.slice(0, wanted)
}

/** What a dispatcher types into the search box: receivers' first names, tracking prefixes. */
export function searchTermsOf(shipments: Shipment[]): string[] {
  const terms: Record<string, true> = {}
  for (const { receiver, trackingNumber } of shipments) {
    terms[receiver.name.split(' ')[0]!] = true
    terms[trackingNumber.slice(0, 6)] = true
  }
  return Object.keys(terms)
}

// About 3 km each way: the delivery area of a shop in town.
const SPREAD_DEGREES = 0.03

/**
 * A new shipment from `sender` to a made-up receiver nearby. Its reference starts with `k6-`,
 * so shipments a load test made are easy to find and cancel afterwards.
 *
 * @example
 * const created = createShipment(dispatcher, shop)
 */
export function createShipment(session: Session, sender: Party): Shipment | null {
  const lat = sender.lat + (Math.random() - 0.5) * SPREAD_DEGREES
  const lng = sender.lng + (Math.random() - 0.5) * SPREAD_DEGREES
  const res = api('POST', '/api/shipments', {
    endpoint: 'create',
    token: session.token,
    // As the dashboard sends it: a retried create returns the first result.
    headers: { 'Idempotency-Key': randomId() },
    json: {
      reference: `k6-${randomId()}`,
      sender,
      receiver: {
        name: 'Load Test Receiver',
        address: `Load test drop-off, ${lat.toFixed(5)}, ${lng.toFixed(5)}`,
        lat,
        lng,
      },
      package: { weightKg: 1.2, description: 'Load test parcel' },
    },
  })
  return shipmentIf(res, 201, 'shipment created')
}

/** Gives a pending shipment to a driver, as a dispatcher does from the dashboard. */
export function assignShipment(session: Session, shipmentId: string, driverId: string) {
  const res = api('POST', '/api/shipments/{id}/assign', {
    endpoint: 'assign',
    token: session.token,
    path: { id: shipmentId },
    json: { driverId },
  })
  return shipmentIf(res, 200, 'shipment assigned')
}

function shipmentIf(res: Response, status: number, name: string): Shipment | null {
  const shipment = res.status === status ? jsonOf<Shipment>(res) : null
  check(res, { [name]: () => shipment !== null })
  return shipment
}
