import { effectOnce, type Once } from '@dropmate/events'
import { shouldNotifyReceiver } from '@dropmate/core'
import type { Mailer } from '@dropmate/mail'
import type { Sql } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { ReceiverMessage } from './receiver-message'
import { renderEmail } from './templates'

// The processed_events consumer name. One event sends at most one email, to the receiver, so
// (source, id) is the email's key; an event that sent several would name each its own consumer.
const CONSUMER = 'notify-receiver'
// How long a claimed email waits for its sender before another delivery may send it: well
// past the mailer's own timeout, and short enough that the Trigger's retries (≈205 s,
// knative/triggers/notify.yaml) still come after it runs out.
const SEND_LEASE_MS = 60_000

/**
 * Emails the shipment's receiver about `event`, at most once per event (effectOnce): what
 * that says, or `skipped` when the receiver gets no email about it. Throws `MailNotSent`
 * when the email service did not take it.
 */
export async function emailReceiver(
  { sql, mailer }: { sql: Sql; mailer: Mailer },
  event: CloudEvent<unknown>,
  { target, content, unsubscribeUrl }: ReceiverMessage,
): Promise<Once | 'skipped'> {
  const { notice } = content
  if (!shouldNotifyReceiver(target, target.receiverEmail, notice.kind)) return 'skipped'
  const email = {
    ...renderEmail(content),
    to: target.receiverEmail!,
    // RFC 8058 one-click: mail clients POST to the link, so no prefetch unsubscribes anyone.
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    // SendGrid keeps these with the message (activity feed, event webhook): a second email
    // for one event, should one ever go, shows which event sent both.
    customArgs: { dropmate_event_id: event.id, dropmate_event_source: event.source },
    about: { eventType: event.type, template: notice.kind, shipment: target.id },
  }
  const once = await effectOnce(sql, CONSUMER, event, SEND_LEASE_MS, () => mailer.send(email))
  const log = { event: event.id, shipment: target.id, notice: notice.kind }
  if (once === 'done') logger.info(log, 'receiver emailed')
  else logger.info({ ...log, once }, 'email already sent or being sent')
  return once
}
