import { parseHttpDate } from './http-date'
import type { Delivery } from './trigger'

/**
 * The wait before retry number `attempt` (1 for the first retry, up to `delivery.retry`).
 *
 * Knative documents linear as backoffDelay × n and exponential as backoffDelay × 2^n without
 * saying where n starts. Its channel-based broker passes go-retryablehttp's zero-based attempt
 * index (n = 0 before the first retry), so exponential waits backoffDelay, 2×, 4×…; that is
 * what gives eventing#6011 its "~200 seconds" for 10 retries from PT0.2S. For linear the same
 * index would make the first retry immediate (0 × backoffDelay), an accident of the index
 * that Knative's own unit tests and the Kafka broker do not share: they wait backoffDelay × 1,
 * × 2… Both policies here therefore wait exactly backoffDelay before the first retry:
 *
 * - linear: backoffDelay × attempt
 * - exponential: backoffDelay × 2^(attempt − 1)
 *
 * @example backoffDelay({ backoffPolicy: 'exponential', backoffDelayMs: 200 }, 3) // 800
 */
export function backoffDelay(
  delivery: Pick<Delivery, 'backoffPolicy' | 'backoffDelayMs'>,
  attempt: number,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`retry attempt must be a whole number from 1, got ${attempt}`)
  }
  return delivery.backoffPolicy === 'linear'
    ? delivery.backoffDelayMs * attempt
    : delivery.backoffDelayMs * 2 ** (attempt - 1)
}

/**
 * The longest wait a subscriber can ask for. Knative leaves Retry-After unbounded unless a
 * Trigger sets `retryAfterMax`; five minutes is more than the whole default retry schedule
 * (≈ 205 s), so a subscriber can slow its own deliveries down but cannot park an event for
 * hours.
 */
export const RETRY_AFTER_MAX_MS = 5 * 60_000

/**
 * The wait a `Retry-After` response header asks for (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date. A date already past means "now" (0); anything else unparsable, including
 * negative seconds, is ignored (undefined). Knative honours it on 429 and 503 responses only
 * and then waits the longer of this and backoffDelay().
 *
 * @example retryAfterMs('120', new Date()) // 120_000
 */
export function retryAfterMs(
  header: string | null,
  now: Date,
  maxMs: number = RETRY_AFTER_MAX_MS,
): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, maxMs)
  const date = parseHttpDate(value, now)
  if (date === undefined) return undefined
  return Math.min(Math.max(date.getTime() - now.getTime(), 0), maxMs)
}
