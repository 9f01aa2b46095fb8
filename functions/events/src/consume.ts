import {
  claimProcessedEvent,
  markProcessedEventDone,
  releaseProcessedEvent,
  type Sql,
} from '@dropmate/db'
import type { CloudEvent } from 'cloudevents'

/** What became of an event's effect: done now, done before, or being done by another delivery. */
export type Once = 'done' | 'duplicate' | 'in_flight'

/**
 * Runs a consumer's effect outside the database (an email) once per event, although the
 * broker delivers at least once (Knative's contract: receivers dedupe on source + id).
 *
 * The event is claimed before the effect and marked done after, each committed at once: no
 * transaction stays open across the effect's network call. A delivery that comes while the
 * effect is in hand gets 'in_flight' (answer with a retryable status); if `effect` throws, the
 * claim is given up and a redelivery runs it again. A claim whose holder died runs out after
 * `leaseMs`, which must outlast the effect's own timeout, and the next delivery runs it.
 *
 * What remains: a holder that dies after the effect took place (SendGrid accepted the email)
 * and before "done" committed leaves a claim that runs out, and the effect happens twice. So
 * does an effect that took place but failed to say so (a timeout after SendGrid accepted).
 *
 * @example
 * const once = await effectOnce(sql, 'notify-receiver', event, 60_000, () => mailer.send(email))
 * if (once === 'in_flight') return problem(c, 'message_in_flight', 'Deliver it again later.')
 */
export async function effectOnce(
  sql: Sql,
  consumer: string,
  event: CloudEvent<unknown>,
  leaseMs: number,
  effect: () => Promise<void>,
): Promise<Once> {
  const key = { consumer, source: event.source, eventId: event.id }
  const claim = await claimProcessedEvent(sql, key, leaseMs)
  if (claim === 'done') return 'duplicate'
  if (claim === 'in_flight') return 'in_flight'
  try {
    await effect()
  } catch (error) {
    // Not given up, the claim still runs out after leaseMs: only the retry comes later.
    await releaseProcessedEvent(sql, key).catch(() => {})
    throw error
  }
  await markProcessedEventDone(sql, key)
  return 'done'
}
