import { publishEvent } from '@dropmate/broker'
import type { Config } from '@dropmate/core'
import { createMailer } from '@dropmate/mail'
import { Counter, logger, metrics } from '@dropmate/runtime'
import { alertEvent } from './alert-event'
import type { Severity } from '@dropmate/contracts/alert-event'
import { rank, type Notice } from './alert'
import type { MonitorConfig } from './config'
import { sendWithRetry } from './send-with-retry'
import { renderAlertEmail } from './templates'

export type NotifierConfig = Pick<
  Config,
  'SENDGRID_API_KEY' | 'SENDGRID_API_URL' | 'MAIL_FROM' | 'BROKER_TOKEN'
> &
  Pick<
    MonitorConfig,
    | 'BROKER_URL'
    | 'ALERT_EMAIL_TO'
    | 'ALERT_EMAIL_MIN_SEVERITY'
    | 'ALERT_EMAIL_ATTEMPTS'
    | 'ALERT_EMAIL_RETRY_DELAY'
  >

export interface Notifier {
  /** Logs the notice, then emails and publishes it in the background; never throws. */
  notify(notice: Notice): void
  /** Gives up waiting to retry and lets what is being sent finish. */
  drain(): Promise<void>
}

const noticesTold = new Counter({
  name: 'dropmate_monitor_alerts_total',
  help: 'Alerts told (first occurrences and follow-ups), by kind and severity',
  labelNames: ['kind', 'severity'] as const,
  registers: [metrics],
})

// The broker ingress answers at once or is in trouble; an alert must not wait on it long.
const PUBLISH_TIMEOUT_MS = 5_000

const LOG_LEVEL: Record<Severity, 'info' | 'warn' | 'error'> = {
  info: 'info',
  warning: 'warn',
  critical: 'error',
}

/**
 * Where a notice goes: always one log line, an email to each of ALERT_EMAIL_TO when SendGrid
 * is set up, and a `com.dropmate.alert.v1` event when BROKER_URL is set. A failure on one
 * path is logged and never stops the others.
 *
 * @example
 * const notifier = createNotifier(config)
 * notifier.notify({ alert, followUp: false, occurrences: 1, periodMs: 0 })
 */
export function createNotifier(config: NotifierConfig): Notifier {
  const emailing = config.SENDGRID_API_KEY !== undefined && config.ALERT_EMAIL_TO.length > 0
  const mailer = emailing ? createMailer(config) : undefined
  const stopping = new AbortController()
  const inFlight = new Set<Promise<void>>()

  async function email(notice: Notice) {
    if (!mailer || rank(notice.alert.severity) < rank(config.ALERT_EMAIL_MIN_SEVERITY)) return
    const content = await renderAlertEmail(notice)
    const retry = {
      attempts: config.ALERT_EMAIL_ATTEMPTS,
      retryDelayMs: config.ALERT_EMAIL_RETRY_DELAY,
      signal: stopping.signal,
    }
    await Promise.all(
      config.ALERT_EMAIL_TO.map((to) =>
        sendWithRetry(mailer, { ...content, to }, retry).catch((error: unknown) => {
          // The log is then the only place this alert is told: keep all of it there.
          logger.error({ err: error, ...fields(notice) }, 'alert email not sent')
        }),
      ),
    )
  }

  async function publish(notice: Notice) {
    if (!config.BROKER_URL) return
    const headers: Record<string, string> = config.BROKER_TOKEN
      ? { authorization: `Bearer ${config.BROKER_TOKEN}` }
      : {}
    await publishEvent(config.BROKER_URL, alertEvent(notice), {
      timeoutMs: PUBLISH_TIMEOUT_MS,
      headers,
    }).catch((error: unknown) => {
      logger.warn({ err: error, subject: notice.alert.subject }, 'alert event not published')
    })
  }

  return {
    notify(notice) {
      logger[LOG_LEVEL[notice.alert.severity]](fields(notice), notice.alert.summary)
      noticesTold.inc({ kind: notice.alert.kind, severity: notice.alert.severity })
      const delivery: Promise<void> = Promise.all([email(notice), publish(notice)])
        .then(
          () => {},
          (error: unknown) => logger.error({ err: error, ...fields(notice) }, 'alert not sent'),
        )
        .finally(() => inFlight.delete(delivery))
      inFlight.add(delivery)
    },
    async drain() {
      stopping.abort()
      await Promise.all(inFlight)
    },
  }
}

function fields({ alert, followUp, occurrences, periodMs }: Notice) {
  const { holdMs: _holdMs, ...told } = alert
  return { alert: told, followUp, occurrences, periodMs }
}
