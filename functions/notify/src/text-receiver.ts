import { effectOnce, type Once } from '@dropmate/events'
import { shouldNotifyReceiver, type NoticeKind } from '@dropmate/core'
import type { Texter } from '@dropmate/mail'
import type { Sql } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { ReceiverMessage } from './receiver-message'
import { renderText } from './templates'

// Its own processed_events consumer: an event's text and its email are separate effects, so
// a text that failed is sent again on the broker's retry without a second email.
const CONSUMER = 'notify-receiver-text'
// Past the texter's own timeout, and before the Trigger's retries come back.
const SEND_LEASE_MS = 60_000

/**
 * Texts the shipment's receiver about `event` when the shop texts that notice (SMS_NOTICES),
 * at most once per event: what that says, or `skipped`. Throws `TextNotSent` when the SMS
 * provider did not take it.
 */
export async function textReceiver(
  { sql, texter, notices }: { sql: Sql; texter: Texter; notices: readonly NoticeKind[] },
  event: CloudEvent<unknown>,
  { target, content }: ReceiverMessage,
): Promise<Once | 'skipped'> {
  const { notice } = content
  if (!notices.includes(notice.kind)) return 'skipped'
  if (!shouldNotifyReceiver(target, target.receiverPhone, notice.kind)) return 'skipped'
  const text = {
    to: target.receiverPhone!,
    body: renderText(content),
    about: { eventType: event.type, template: notice.kind, shipment: target.id },
  }
  const once = await effectOnce(sql, CONSUMER, event, SEND_LEASE_MS, () => texter.send(text))
  const log = { event: event.id, shipment: target.id, notice: notice.kind }
  if (once === 'done') logger.info(log, 'receiver texted')
  else logger.info({ ...log, once }, 'text already sent or being sent')
  return once
}
