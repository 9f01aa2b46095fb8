import { retryAfterMs } from '@dropmate/broker/triggers'
import { sleep } from '@dropmate/broker'
import { MailNotSent, type Email, type Mailer } from '@dropmate/mail'
import { cappedBackoff } from './backoff'

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number
  /** The first wait; each next one doubles. */
  retryDelayMs: number
  /** Aborting gives up at the next wait instead of sleeping through shutdown. */
  signal: AbortSignal
}

/**
 * Sends an email, and again when SendGrid may take it later (429, 5xx, no answer): the
 * monitor has no broker redelivery behind it, so this is an alert's only second chance.
 * Waits double from `retryDelayMs`, or last as long as SendGrid's Retry-After asks.
 * Throws the last MailNotSent once the tries are used up or `signal` aborted.
 *
 * @example
 * await sendWithRetry(mailer, email, { attempts: 5, retryDelayMs: 2_000, signal })
 */
export async function sendWithRetry(mailer: Mailer, email: Email, options: RetryOptions) {
  const { attempts, retryDelayMs, signal } = options
  for (let attempt = 1; ; attempt++) {
    try {
      return await mailer.send(email)
    } catch (error) {
      if (!(error instanceof MailNotSent) || attempt >= attempts) throw error
      const wait = Math.max(cappedBackoff(retryDelayMs, attempt), retryAfter(error) ?? 0)
      if (!(await sleep(wait, signal))) throw error
    }
  }
}

/** SendGrid's answer travels as the cause: @sendgrid/client's ResponseError with its headers. */
function retryAfter(error: MailNotSent): number | undefined {
  const response = (error.cause as { response?: { headers?: Record<string, unknown> } })?.response
  const header = response?.headers?.['retry-after']
  return retryAfterMs(typeof header === 'string' ? header : null, new Date())
}
