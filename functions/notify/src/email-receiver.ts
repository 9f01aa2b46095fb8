import type { ApiDeps, LocationStore } from '@dropmate/kit'
import { effectOnce, type Once } from '@dropmate/events'
import { etaToDoor, shouldEmailReceiver } from '@dropmate/core'
import { findNotificationTarget, type NotificationTarget } from '@dropmate/db'
import type { Mailer } from '@dropmate/mail'
import { logger } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { Noticed } from './notice'
import { renderEmail } from './templates'

// The processed_events consumer name. One event sends at most one email, to the receiver, so
// (source, id) is the email's key; an event that sent several would name each its own consumer.
const CONSUMER = 'notify-receiver'
// How long a claimed email waits for its sender before another delivery may send it: well
// past the mailer's own timeout, and short enough that the Trigger's retries (≈205 s,
// knative/triggers/notify.yaml) still come after it runs out.
const SEND_LEASE_MS = 60_000

/** What emailing a receiver reads and sends with. */
export interface Emailing {
  deps: Pick<ApiDeps, 'sql' | 'config'>
  mailer: Mailer
  store: LocationStore
}

/**
 * Emails the shipment's receiver about `event`, at most once per event (effectOnce): what
 * that says, or `skipped` when the receiver gets no email about it. Throws `MailNotSent`
 * when the email service did not take it.
 */
export async function emailReceiver(
  { deps, mailer, store }: Emailing,
  event: CloudEvent<unknown>,
  { notice, shipmentId, driverId }: Noticed,
): Promise<Once | 'skipped'> {
  const target = await findNotificationTarget(deps.sql, shipmentId)
  if (!target || !shouldEmailReceiver(target, notice.kind)) return 'skipped'
  const base = deps.config.PUBLIC_URL
  const tracking = encodeURIComponent(target.trackingNumber)
  const unsubscribeUrl = `${base}/api/shipments/track/${tracking}/unsubscribe`
  const content = renderEmail({
    notice,
    trackingNumber: target.trackingNumber,
    receiverName: target.receiverName,
    driverFirstName: target.driverName?.split(/\s+/)[0] ?? null,
    eta: notice.kind === 'on_its_way' ? await etaOf(store, target, driverId) : null,
    trackingUrl: `${base}/track/${tracking}`,
    unsubscribeUrl,
    timeZone: deps.config.SHOP_TIME_ZONE,
  })
  const email = {
    ...content,
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
  const once = await effectOnce(deps.sql, CONSUMER, event, SEND_LEASE_MS, () => mailer.send(email))
  const log = { event: event.id, shipment: target.id, notice: notice.kind }
  if (once === 'done') logger.info(log, 'receiver emailed')
  else logger.info({ ...log, once }, 'email already sent or being sent')
  return once
}

/** The arrival window from the driver's last position; none when it is unknown. */
async function etaOf(store: LocationStore, target: NotificationTarget, driverId: string | null) {
  if (!driverId) return null
  const position = await store.latest(driverId).catch((error: unknown) => {
    logger.warn({ err: error }, 'location store unavailable, emailing without the arrival')
    return undefined
  })
  return position ? etaToDoor(position, target, new Date()) : null
}
