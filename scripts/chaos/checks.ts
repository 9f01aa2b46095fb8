import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { Answer } from './client'
import type { DeliveredEvent } from './event-sink'
import type { Stored } from './observe'
import type { LoadRecord } from './record'

/** Contract: an error answer during an outage is a 503 with Retry-After within this. */
export const ERROR_ANSWER_LIMIT_MS = 1_000

export const KINDS = ['writes', 'events', 'emails', 'arrivals', 'pings'] as const
export type Kind = (typeof KINDS)[number]
export type Counts = Record<Kind, number>

export interface ScreenState {
  name: string
  connected: boolean
  /** Shipment id or tracking number → the status the screen shows. */
  shows: Map<string, string>
  /** The tracking number a tracking page follows; a dashboard follows every shipment. */
  follows?: string
}

export interface Observation {
  record: LoadRecord
  stored: Stored
  delivered: DeliveredEvent[]
  emails: Array<{ to: string; subject: string }>
  screens: ScreenState[]
  answers: Answer[]
  fatalLines: string[]
  crashes: string[]
  /** Fault end → every process ready and every screen caught up; null if that never came. */
  recoveryMs: number | null
}

export interface Verdict {
  lost: Counts
  duplicated: Counts
  /** Error answers that were not a 503 with Retry-After, and the slowest error answer. */
  badErrors: number
  slowestErrorMs: number
  /** Requests refused or cut off with no answer (a killed process); not a broken contract. */
  unanswered: number
  screensBehind: number
  fatal: number
  /** One line per finding, naming the write, event, email or socket and what was seen. */
  failures: string[]
}

const EMAILS: Array<{ type: string; to?: string; says: string; atMostOnce?: boolean }> = [
  { type: EVENT_TYPES.shipmentAssigned, says: 'has a driver' },
  { type: EVENT_TYPES.shipmentStatusChanged, to: 'in_transit', says: 'is on its way' },
  { type: EVENT_TYPES.shipmentStatusChanged, to: 'delivered', says: 'has been delivered' },
  // Dropped on purpose when it arrives after the delivery, so it may rightly be missing.
  { type: EVENT_TYPES.shipmentArriving, says: 'is nearly there', atMostOnce: true },
]

/** Compares what the load was told with what the system kept, sent and showed. */
export function judge(o: Observation): Verdict {
  const lost = zero()
  const duplicated = zero()
  const failures: string[] = []
  const count = (kind: Kind, seen: number, what: string, atMostOnce = false) => {
    if (seen === 0 && !atMostOnce) {
      lost[kind]++
      failures.push(`lost ${what}`)
    } else if (seen > 1) {
      duplicated[kind]++
      failures.push(`${what} ${seen} times`)
    }
  }

  const byEmail = tally(o.stored.shipments.map((s) => s.receiverEmail))
  const stored = new Set(o.stored.shipments.map((s) => s.id))
  for (const { id, email } of o.record.creates) {
    count('writes', stored.has(id) ? (byEmail.get(email) ?? 0) : 0, `shipment ${id} (created, 201)`)
  }
  const timeline = tally(o.stored.timeline.map((row) => `${row.shipmentId} ${row.toStatus}`))
  for (const { shipmentId, to } of o.record.changes) {
    const what = `change of ${shipmentId} to ${to} (acknowledged)`
    count('writes', timeline.get(`${shipmentId} ${to}`) ?? 0, what)
  }
  const history = new Map(o.stored.history.map((row) => [row.eventId, row.rows]))
  for (const { id } of o.record.pings)
    count('pings', history.get(id) ?? 0, `ping ${id} (202) in history`)

  const arrivals = tally(
    o.stored.outbox.filter((e) => e.type === EVENT_TYPES.shipmentArriving).map((e) => e.subject),
  )
  for (const id of new Set(o.record.doorPings)) {
    count('arrivals', arrivals.get(id) ?? 0, `arriving event of ${id} (driver at the door)`)
  }

  const delivered = new Set(o.delivered.map((event) => event.id))
  for (const event of o.stored.outbox) {
    if (!delivered.has(event.id)) {
      lost.events++
      failures.push(`lost event ${event.type} ${event.id} of ${event.subject}: never delivered`)
    }
  }

  const sent = tally(o.emails.map((mail) => `${mail.to} ${mail.subject}`))
  const shipments = new Map(o.stored.shipments.map((s) => [s.id, s]))
  for (const event of o.stored.outbox) {
    const email = EMAILS.find(
      (e) => e.type === event.type && (e.to === undefined || e.to === event.to),
    )
    const shipment = shipments.get(event.subject)
    if (!email || !shipment) continue
    const subject = `Your parcel ${shipment.trackingNumber} ${email.says}`
    const what = `email "${subject}" to ${shipment.receiverEmail}`
    count('emails', sent.get(`${shipment.receiverEmail} ${subject}`) ?? 0, what, email.atMostOnce)
  }

  const errors = o.answers.filter(isErrorAnswer)
  const bad = errors.filter(
    (a) => a.status !== 503 || !a.retryAfter || a.ms > ERROR_ANSWER_LIMIT_MS,
  )
  for (const [kind, answers] of groupBy(bad, kindOf)) {
    const slowest = Math.max(...answers.map((a) => a.ms))
    failures.push(`${answers.length} error answer(s) ${kind}, slowest after ${slowest} ms`)
  }

  let screensBehind = 0
  for (const screen of o.screens) {
    const behind = behindOf(screen, o.stored.shipments)
    if (behind.length === 0 && screen.connected) continue
    screensBehind++
    const state = screen.connected ? 'connected' : 'not connected'
    failures.push(`socket ${screen.name} (${state}) behind: ${behind.join(', ') || 'nothing'}`)
  }

  for (const line of o.fatalLines) failures.push(`fatal log: ${line.slice(0, 300)}`)
  for (const crash of o.crashes) failures.push(`crash: ${crash}`)
  if (o.recoveryMs === null) failures.push('did not recover: processes not ready or sockets behind')

  return {
    lost,
    duplicated,
    badErrors: bad.length,
    slowestErrorMs: Math.max(0, ...errors.map((a) => a.ms)),
    unanswered: o.answers.filter((a) => a.status === 'refused' || a.status === 'reset').length,
    screensBehind,
    fatal: o.fatalLines.length + o.crashes.length,
    failures,
  }
}

/** Whether a verdict fails the run. */
export function failed(v: Verdict): boolean {
  return v.failures.length > 0
}

/** Where a screen differs from the shipments' stored status, as `what: shows → stored`. */
export function behindOf(screen: ScreenState, shipments: Stored['shipments']): string[] {
  const followed = screen.follows
    ? shipments.filter((s) => s.trackingNumber === screen.follows)
    : shipments
  return followed.flatMap((s) => {
    const key = screen.follows ?? s.id
    const shown = screen.shows.get(key)
    return shown === s.status ? [] : [`${key}: ${shown ?? 'nothing'} → ${s.status}`]
  })
}

/** An answer that is an error: 5xx, 4xx other than a conflict, or none within the timeout. */
export function isErrorAnswer(answer: Answer): boolean {
  if (answer.status === 'timeout') return true
  if (typeof answer.status !== 'number') return false
  return answer.status >= 500 || (answer.status >= 400 && answer.status !== 409)
}

/** What kind of error answer: the route (ids left out), status, problem code, Retry-After. */
function kindOf(a: Answer): string {
  const route = a.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
  const retry = a.retryAfter ? `Retry-After ${a.retryAfter}` : 'no Retry-After'
  return `${a.method} ${route}: ${a.status}${a.detail ? ` ${a.detail}` : ''}, ${retry}`
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

function zero(): Counts {
  return { writes: 0, events: 0, emails: 0, arrivals: 0, pings: 0 }
}
