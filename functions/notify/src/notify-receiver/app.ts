import type { ApiDeps, LocationStore } from '@dropmate/kit'
import { brokerAccess, effectOnce, eventsFromMessage, readBody, type Once } from '@dropmate/events'
import { estimateArrival } from '@dropmate/core'
import { findNotificationTarget, type NotificationTarget } from '@dropmate/db'
import { createMailer, MailNotSent, type Mailer } from '@dropmate/mail'
import { logger, onError, problem } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { Hono } from 'hono'
import { noticeFor, type Noticed } from '../notice'
import { renderEmail } from '../templates'

export const route = { method: 'post', path: '/notify/events' } as const

// The processed_events consumer name. One event sends at most one email, to the receiver, so
// (source, id) is the email's key; an event that sent several would name each its own consumer.
const CONSUMER = 'notify-receiver'
// Shipment events are small notifications; a batch of them stays far below this.
const MAX_BODY_BYTES = 256 * 1024
// How long a claimed email waits for its sender before another delivery may send it: well
// past the mailer's own timeout, and short enough that the Trigger's retries (≈205 s,
// knative/triggers/notify.yaml) still come after it runs out.
const SEND_LEASE_MS = 60_000

/**
 * `POST /notify/events`: the broker delivers shipment events (knative/triggers/notify.yaml)
 * and the receiver gets an email when a driver is assigned, the parcel is on its way, the
 * driver is nearly at the door, the parcel is delivered, or failed. Each event sends at most
 * once (effectOnce, which also says what window for a second email remains). A delivery that
 * comes while another is sending the email gets 409, which the broker retries. When SendGrid
 * cannot take the email the answer is 502, so the broker's retry sends it.
 */
export function notifyReceiver(deps: ApiDeps, mailer: Mailer = createMailer(deps.config)) {
  const { store } = deps.locations
  const app = new Hono()
  app.onError(onError)
  app.post(route.path, brokerAccess(deps), async (c) => {
    const events = eventsFromMessage(c.req.header(), await readBody(c, MAX_BODY_BYTES))
    const wanted = events.flatMap((event) => {
      const found = noticeFor(event)
      return found ? [{ event, ...found }] : []
    })
    const outcomes: Array<Once | 'skipped'> = []
    try {
      for (const { event, ...noticed } of wanted) {
        outcomes.push(await notifyOnce({ deps, mailer, store }, event, noticed))
      }
    } catch (error) {
      if (!(error instanceof MailNotSent)) throw error
      logger.warn({ err: error }, 'email not sent, the broker retries')
      const detail = 'The email service did not take the email; deliver the event again.'
      return problem(c, 'email_not_sent', detail, {}, { 'retry-after': '5' })
    }
    if (outcomes.includes('in_flight')) {
      const detail = 'Another delivery of this event is sending its email; deliver it again later.'
      return problem(c, 'email_in_flight', detail)
    }
    return c.body(null, 202)
  })
  return app
}

async function notifyOnce(
  { deps, mailer, store }: { deps: ApiDeps; mailer: Mailer; store: LocationStore },
  event: CloudEvent<unknown>,
  { notice, shipmentId, driverId }: Noticed,
): Promise<Once | 'skipped'> {
  const target = await findNotificationTarget(deps.sql, shipmentId)
  if (!target?.receiverEmail || target.notificationsOptedOutAt) return 'skipped'
  // Retried late, "nearly there" would reach someone already holding the parcel.
  if (notice.kind === 'arriving' && target.status !== 'in_transit') return 'skipped'
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
    to: target.receiverEmail,
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
  if (!position) return null
  return estimateArrival({
    from: position,
    to: { lat: target.receiverLat, lng: target.receiverLng },
    recentSpeedMps: position.recentSpeedMps,
    vehicleType: target.vehicleType,
    now: new Date(),
  })
}
