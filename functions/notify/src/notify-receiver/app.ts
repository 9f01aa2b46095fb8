import type { ApiDeps } from '@dropmate/kit'
import { brokerAccess, eventsIn, type Once } from '@dropmate/events'
import {
  createMailer,
  createTexter,
  MailNotSent,
  TextNotSent,
  type Mailer,
  type Texter,
} from '@dropmate/mail'
import { logger, onError, problem } from '@dropmate/runtime'
import { Hono } from 'hono'
import { pushToDriver } from '../driver-push'
import { emailReceiver } from '../email-receiver'
import { noticeFor } from '../notice'
import { createPushSender, PushNotSent, type PushSender } from '../push-sender'
import { receiverMessage } from '../receiver-message'
import { textReceiver } from '../text-receiver'

export const route = { method: 'post', path: '/notify/events' } as const

// Shipment events are small notifications; a batch of them stays far below this.
const MAX_BODY_BYTES = 256 * 1024

/**
 * How people are reached: the receiver by email, and by text for the notices the shop texts;
 * drivers by web push on their installed apps, when the shop has a VAPID key pair.
 */
export interface Channels {
  mailer: Mailer
  texter: Texter
  pusher?: PushSender
}

/**
 * `POST /notify/events`: the broker delivers shipment events (knative/triggers/notify.yaml)
 * and the receiver hears when a driver is assigned, the parcel is on its way, the driver is
 * nearly at the door, the parcel is delivered, or failed: by email, and by text for the
 * notices in SMS_NOTICES. A driver assigned a delivery gets a web push on their installed apps. Each event sends at most one email and one text (effectOnce each,
 * which also says what window for a second one remains). A delivery that comes while another
 * is sending gets 409, which the broker retries. When SendGrid or Twilio cannot take a
 * message the answer is 502, so the broker's retry sends what is still unsent.
 */
export function notifyReceiver(
  deps: ApiDeps,
  { mailer, texter, pusher }: Channels = {
    mailer: createMailer(deps.config),
    texter: createTexter(deps.config),
    pusher: createPushSender(deps.config),
  },
) {
  const { store } = deps.locations
  const { sql } = deps
  const notices = deps.config.SMS_NOTICES
  const app = new Hono()
  app.onError(onError)
  app.post(route.path, brokerAccess(deps), async (c) => {
    const events = await eventsIn(c, MAX_BODY_BYTES)
    // Every event read before any is acted on: one the receiver cannot read refuses the batch.
    const read = events.map((event) => ({ event, noticed: noticeFor(event) }))
    const outcomes: Array<Once | 'skipped'> = []
    try {
      for (const { event, noticed } of read) {
        const message = noticed && (await receiverMessage({ deps, store }, noticed))
        if (message) {
          outcomes.push(await emailReceiver({ sql, mailer }, event, message))
          outcomes.push(await textReceiver({ sql, texter, notices }, event, message))
        }
        if (pusher) outcomes.push(...(await pushToDriver({ sql, sender: pusher }, event)))
      }
    } catch (error) {
      const unsent = [MailNotSent, TextNotSent, PushNotSent]
      if (!unsent.some((kind) => error instanceof kind)) throw error
      logger.warn({ err: error }, 'message not sent, the broker retries')
      const detail = 'A mail, SMS or push service did not take a message; deliver the event again.'
      return problem(c, 'message_not_sent', detail, {}, { 'retry-after': '5' })
    }
    if (outcomes.includes('in_flight')) {
      const detail =
        'Another delivery of this event is sending its messages; deliver it again later.'
      return problem(c, 'message_in_flight', detail)
    }
    return c.body(null, 202)
  })
  return app
}
