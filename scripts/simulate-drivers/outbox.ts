import type { Random } from '../seed/random'
import { kindOf, NetworkError, problemCode, type Reply } from '../lib/api-client'
import { encodePings, type Mode, type RecordedPing } from './pings'
import type { Session } from './session'
import type { Stats } from './stats'
import type { Fix } from './gps'

/** A ping the API accepted, for whoever measures: when it was sent and when it was taken. */
export interface SentPing {
  driverId: string
  eventId: string
  /** The device time of the fix (the event's `time`). */
  recordedAt: Date
  /** Epoch ms: the request carrying it started, and its 202 arrived. */
  sentAt: number
  acceptedAt: number
  mode: Mode
  fix: Fix
}

/** The API takes at most this many pings in one batch (ingest-locations). */
export const MAX_BATCH = 500
/** About two hours of pings at one every 2 s; older ones go first beyond that. */
const MAX_QUEUED = 4_000
const BACKOFF_MS: [first: number, cap: number] = [500, 30_000]
/** Single pings go in structured mode this often, binary otherwise, as phones differ. */
const STRUCTURED_SHARE = 0.2

/**
 * A driver's phone-side queue of pings. Each flush sends what is queued, oldest first: one
 * ping alone as a binary or structured event, more (after a dead zone or a failed send) as
 * batches of up to 500. 429, 5xx and network failures keep the pings and back off
 * (honouring retry-after); other 4xx drop them, since sending again cannot help.
 */
export class PingOutbox {
  private queue: RecordedPing[] = []
  private sending: Promise<void> | null = null
  private retryAt = 0
  private failures = 0

  constructor(
    private readonly session: Session,
    private readonly stats: Stats,
    private readonly random: Random,
    private readonly onSent: (ping: SentPing) => void,
  ) {}

  get queued(): number {
    return this.queue.length
  }

  record(ping: RecordedPing) {
    this.queue.push(ping)
    const over = this.queue.length - MAX_QUEUED
    if (over > 0) {
      this.queue.splice(0, over)
      this.stats.add('dropped', over)
    }
  }

  /**
   * Sends what is queued unless a send is under way or a backoff has not run out; `now`
   * ignores the backoff, for a last attempt before the simulator exits.
   */
  flush({ now = false } = {}): Promise<void> {
    if (now) this.retryAt = 0
    if (!this.sending && this.queue.length > 0 && Date.now() >= this.retryAt) {
      this.sending = this.drain().finally(() => (this.sending = null))
    }
    return this.sending ?? Promise.resolve()
  }

  /** Resolves once nothing is being sent. */
  settled(): Promise<void> {
    return this.sending ?? Promise.resolve()
  }

  private async drain() {
    while (this.queue.length > 0 && Date.now() >= this.retryAt) {
      const chunk = this.queue.slice(0, MAX_BATCH)
      const mode: Mode =
        chunk.length > 1 ? 'batch' : this.random.chance(STRUCTURED_SHARE) ? 'structured' : 'binary'
      if (!(await this.send(chunk, mode))) return
    }
  }

  /** Whether the chunk is done with: taken, or refused for good. */
  private async send(chunk: RecordedPing[], mode: Mode): Promise<boolean> {
    const sentAt = Date.now()
    let reply: Reply
    try {
      reply = await this.session.call({
        method: 'POST',
        path: '/api/locations',
        ...encodePings(chunk, mode),
      })
    } catch (error) {
      const kind = error instanceof NetworkError ? error.kind : 'sign-in refused'
      this.stats.error(kind, `POST /api/locations failed: ${(error as Error).message}; retrying`)
      this.backOff()
      return false
    }
    if (reply.status === 202) {
      this.queue.splice(0, chunk.length)
      this.failures = 0
      this.count(chunk, mode, sentAt)
      return true
    }
    const detail = `POST /api/locations answered ${reply.status} ${problemCode(reply) ?? ''}`.trim()
    if (reply.status === 429 || reply.status >= 500) {
      this.stats.error(kindOf(reply), `${detail}; keeping the pings and retrying`)
      this.backOff(reply.headers.get('retry-after'))
      return false
    }
    this.queue.splice(0, chunk.length)
    this.stats.add('dropped', chunk.length)
    const why = (reply.body as { detail?: string } | undefined)?.detail ?? ''
    this.stats.error(kindOf(reply), `${detail}: ${why}; dropping those pings`)
    return true
  }

  private count(chunk: RecordedPing[], mode: Mode, sentAt: number) {
    const acceptedAt = Date.now()
    this.stats.requests[mode]++
    this.stats.add('pings', chunk.length)
    if (mode === 'batch') this.stats.add('batchedPings', chunk.length)
    for (const { driverId, id, recordedAt, fix } of chunk) {
      this.onSent({ driverId, eventId: id, recordedAt, sentAt, acceptedAt, mode, fix })
    }
  }

  /** Exponential with jitter, from half a second up to 30 s; a retry-after answer wins. */
  private backOff(retryAfter?: string | null) {
    const [first, cap] = BACKOFF_MS
    const delay =
      retryAfterMs(retryAfter) ??
      Math.min(cap, first * 2 ** this.failures) * this.random.float(0.8, 1.2)
    this.failures++
    this.retryAt = Date.now() + delay
  }
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}
