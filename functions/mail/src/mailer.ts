import type { Config } from '@dropmate/core'
import { logger } from '@dropmate/runtime'
import type { ClientRequest } from '@sendgrid/client/src/request'
import type { MailService } from '@sendgrid/mail'

/** What an email says: a subject, and its body as HTML and as plain text. */
export interface EmailContent {
  subject: string
  html: string
  text: string
}

export interface Email extends EmailContent {
  to: string
  headers?: Record<string, string>
  /** SendGrid's custom_args: kept with the message, never shown to the receiver. */
  customArgs?: Record<string, string>
  /**
   * What the email is about, in words fit for a log (`{ template: 'delivered', shipment: id }`):
   * without SendGrid this is what is logged of it, as its content names the receiver and
   * holds working tracking and unsubscribe links.
   */
  about?: Record<string, string>
}

export interface Mailer {
  /** Resolves once SendGrid accepted the email; throws MailNotSent when a retry may help. */
  send(email: Email): Promise<void>
}

/**
 * Without one, axios waits forever, and the event's claim (notify-receiver's SEND_LEASE_MS)
 * would run out while the send still hangs. SendGrid answers in well under a second.
 */
const SEND_TIMEOUT_MS = 20_000

export class MailNotSent extends Error {
  override name = 'MailNotSent'
}

/**
 * The one SendGrid client of a process. Without SENDGRID_API_KEY it logs that an email would
 * have gone, what about and to whom (masked), and nothing of its content: a laptop install,
 * or a cluster before SendGrid is set up, keeps working.
 *
 * @example
 * await createMailer(config).send({ to, subject, html, text })
 */
export function createMailer(
  config: Pick<Config, 'SENDGRID_API_KEY' | 'SENDGRID_API_URL' | 'MAIL_FROM'>,
): Mailer {
  if (!config.SENDGRID_API_KEY) {
    return {
      async send(email) {
        logger.info(
          { ...email.about, to: masked(email.to) },
          'SENDGRID_API_KEY unset: email not sent',
        )
      },
    }
  }
  const apiKey = config.SENDGRID_API_KEY
  let service: Promise<MailService> | undefined
  return {
    async send({ about: _about, ...email }) {
      service ??= sendGrid(apiKey, config.SENDGRID_API_URL)
      const mail = await service
      try {
        await mail.send({ ...email, from: config.MAIL_FROM })
      } catch (error) {
        const status = (error as { code?: number }).code ?? 0
        // SendGrid's 4xx other than 429 mean this email can never go (a malformed address):
        // retrying would only delay the next event's email.
        if (status >= 400 && status < 500 && status !== 429) {
          logger.warn({ status, to: masked(email.to) }, 'SendGrid refused the email; not retried')
          return
        }
        throw new MailNotSent(`SendGrid answered ${status || 'nothing'}`, { cause: error })
      }
    },
  }
}

/** SendGrid's mail service, loaded on first use: most starts of a process send no email. */
async function sendGrid(apiKey: string, apiUrl: string | undefined): Promise<MailService> {
  const sendgrid = await import('./sendgrid')
  // In this order (REFERENCE.md): a key set after the client would not reach it.
  const client = new sendgrid.Client()
  client.setApiKey(apiKey)
  if (apiUrl) client.setDefaultRequest('baseUrl', apiUrl)
  // The client hands every default to axios, whose `timeout` its types leave out.
  client.setDefaultRequest({ timeout: SEND_TIMEOUT_MS } as Partial<ClientRequest> as ClientRequest)
  const service = new sendgrid.MailService()
  service.setClient(client)
  return service
}

/** Logs keep the domain, enough to spot a typo, and not the person. */
function masked(address: string): string {
  return address.replace(/^[^@]*/, (local) => `${local.slice(0, 1)}***`)
}
