import type { ApiDeps } from '@dropmate/kit'
import { brokerAccess, eventsIn, type Once } from '@dropmate/events'
import { createMailer, MailNotSent, type Mailer } from '@dropmate/mail'
import { logger, onError, problem } from '@dropmate/runtime'
import { Hono } from 'hono'
import { emailReceiver } from '../email-receiver'
import { noticeFor } from '../notice'

export const route = { method: 'post', path: '/notify/events' } as const

// Shipment events are small notifications; a batch of them stays far below this.
const MAX_BODY_BYTES = 256 * 1024

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
    const events = await eventsIn(c, MAX_BODY_BYTES)
    const wanted = events.flatMap((event) => {
      const found = noticeFor(event)
      return found ? [{ event, ...found }] : []
    })
    const outcomes: Array<Once | 'skipped'> = []
    try {
      for (const { event, ...noticed } of wanted) {
        outcomes.push(await emailReceiver({ deps, mailer, store }, event, noticed))
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
