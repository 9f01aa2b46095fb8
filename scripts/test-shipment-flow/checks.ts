import type { Reply } from '../lib/api-client'
import type { Party, Shipment, TimelineEvent } from '@dropmate/contracts/rest'

/** The journey DESIGN.md §4 promises for a shipment that goes right. */
export const HAPPY_PATH = ['pending', 'assigned', 'picked_up', 'in_transit', 'delivered'] as const

/** Throws unless `actual` is `expected`; `what` names the value in the message. */
export function expectEqual<T>(what: string, actual: T, expected: T): void {
  if (actual !== expected) {
    throw new Error(`${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
  }
}

/** Throws unless `role` is one of `roles`: a login for the wrong kind of account. */
export function expectRole(who: string, role: string, roles: readonly string[]): void {
  if (!roles.includes(role)) {
    throw new Error(`${who} has role ${role}; this step needs ${roles.join(' or ')}`)
  }
}

/** A repeated POST with the same Idempotency-Key must answer with the first shipment. */
export function expectReplay(
  first: Reply,
  firstShipment: Shipment,
  again: Shipment,
  replay: Reply,
) {
  if (first.headers.get('idempotent-replayed') !== null) {
    throw new Error('the first request was already marked idempotent-replayed')
  }
  expectEqual('the idempotent-replayed header', replay.headers.get('idempotent-replayed'), 'true')
  expectEqual('the replayed shipment id', again.id, firstShipment.id)
}

/**
 * The public view must not contain any party's phone or email. Searches the raw JSON text,
 * so a leak under any field name, nested anywhere, is caught; phones also as bare digits.
 */
export function expectRedacted(viewJson: string, parties: readonly Party[]): void {
  const text = viewJson.toLowerCase()
  for (const party of parties) {
    const secrets = [party.email, party.phone, party.phone?.replace(/\D/g, '')]
    for (const secret of secrets) {
      if (secret && text.includes(secret.toLowerCase())) {
        throw new Error(`the public tracking view contains ${party.name}'s contact ${secret}`)
      }
    }
  }
}

/** The statuses the timeline moved through, oldest first, must be exactly `expected`. */
export function expectTimeline(events: readonly TimelineEvent[], expected: readonly string[]) {
  const statuses = events.flatMap((event) => (event.toStatus ? [event.toStatus] : []))
  if (statuses.join() !== expected.join()) {
    throw new Error(
      `the timeline went ${statuses.join(' → ') || '(nowhere)'}, expected ${expected.join(' → ')}`,
    )
  }
}
