/** The parts of DropMate's replies this script relies on, checked before they are trusted. */

export interface Account {
  id: string
  name: string
  role: string
  driverId: string | null
}

export interface Session {
  accessToken: string
  account: Account
}

export interface Party {
  name: string
  phone: string | null
  email: string | null
}

export interface Shipment {
  id: string
  trackingNumber: string
  reference: string | null
  status: string
  driverId: string | null
  sender: Party
  receiver: Party
}

export interface Driver {
  id: string
  name: string
  dutyStatus: string
}

export interface TrackingView {
  trackingNumber: string
  status: string
  timeline: Array<{ status: string | null; at: string }>
  destination: { area: string | null; lat: number; lng: number }
  driver: { firstName: string } | null
  deliveredAt: string | null
}

export interface TimelineEvent {
  type: string
  fromStatus: string | null
  toStatus: string | null
  actorRole: string | null
  note: string | null
  occurredAt: string
}

/** Field name → accepted JSON types, `|`-separated: `'string|null'`. */
type Fields = Record<string, string>

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

/** Throws unless `value` is an object whose fields have the types named. */
function expectFields(what: string, value: unknown, fields: Fields): Record<string, unknown> {
  if (typeOf(value) !== 'object') throw new Error(`${what} is ${typeOf(value)}, not an object`)
  const record = value as Record<string, unknown>
  for (const [key, types] of Object.entries(fields)) {
    const actual = typeOf(record[key])
    if (!types.split('|').includes(actual)) {
      throw new Error(`${what}.${key} is ${actual}, expected ${types}`)
    }
  }
  return record
}

export function readSession(body: unknown): Session {
  const session = expectFields('login reply', body, { accessToken: 'string', account: 'object' })
  expectFields('login reply.account', session.account, {
    id: 'string',
    name: 'string',
    role: 'string',
    driverId: 'string|null',
  })
  return session as unknown as Session
}

export function readShipment(body: unknown): Shipment {
  const shipment = expectFields('shipment', body, {
    id: 'string',
    trackingNumber: 'string',
    reference: 'string|null',
    status: 'string',
    driverId: 'string|null',
    sender: 'object',
    receiver: 'object',
  })
  return shipment as unknown as Shipment
}

export function readDriver(body: unknown): Driver {
  return expectFields('driver', body, {
    id: 'string',
    name: 'string',
    dutyStatus: 'string',
  }) as unknown as Driver
}

export function readTrackingView(body: unknown): TrackingView {
  const view = expectFields('tracking view', body, {
    trackingNumber: 'string',
    status: 'string',
    timeline: 'array',
    destination: 'object',
    driver: 'object|null',
    deliveredAt: 'string|null',
  })
  for (const entry of view.timeline as unknown[]) {
    expectFields('tracking view timeline entry', entry, { status: 'string|null', at: 'string' })
  }
  expectFields('tracking view.destination', view.destination, {
    area: 'string|null',
    lat: 'number',
    lng: 'number',
  })
  return view as unknown as TrackingView
}

export function readTimeline(body: unknown): TimelineEvent[] {
  const { items } = expectFields('timeline reply', body, { items: 'array' })
  for (const event of items as unknown[]) {
    expectFields('timeline event', event, {
      type: 'string',
      fromStatus: 'string|null',
      toStatus: 'string|null',
      actorRole: 'string|null',
      note: 'string|null',
      occurredAt: 'string',
    })
  }
  return items as TimelineEvent[]
}
