import type { EmailContent } from '@dropmate/mail'
import { html } from 'hono/html'
import type { Severity } from '@dropmate/contracts/alert-event'
import type { Notice } from './alert'

const SEVERITY_LABEL: Record<Severity, string> = {
  info: 'Info',
  warning: 'Warning',
  critical: 'Critical',
}

const SEVERITY_COLOUR: Record<Severity, string> = {
  info: '#2563eb',
  warning: '#d97706',
  critical: '#dc2626',
}

/**
 * Every alert email, in one place: what happened, the numbers and the kubectl commands to
 * look closer, as HTML and as plain text. Values from the cluster are escaped: a pod's
 * termination message is whatever its process wrote.
 *
 * @example
 * const { subject } = await renderAlertEmail({ alert, followUp: false, occurrences: 1, periodMs: 0 })
 * // '[DropMate] Critical: realtime-7c9f-x2: container realtime is crash looping (3 restarts)'
 */
export async function renderAlertEmail(notice: Notice): Promise<EmailContent> {
  const { alert } = notice
  const label = SEVERITY_LABEL[alert.severity]
  const repeated = notice.followUp
    ? `${times(notice.occurrences)} in the last ${period(notice.periodMs)}`
    : undefined
  const repeats = repeated && `This happened ${repeated}; the numbers are the latest.`
  const subject = `[DropMate] ${label}: ${alert.summary}${repeated ? ` (${repeated})` : ''}`
  const numbers = Object.entries(alert.numbers)

  const text = [
    `${label}: ${alert.summary}`,
    ...(repeats ? ['', repeats] : []),
    '',
    `Subject: ${alert.subject}`,
    `Kind: ${alert.kind}`,
    '',
    'Numbers:',
    ...numbers.map(([name, value]) => `  ${name}: ${value}`),
    '',
    'Look closer:',
    ...alert.commands.map((command) => `  ${command}`),
    '',
  ].join('\n')

  const page = await html`<!doctype html>
    <html>
      <body style="font-family:sans-serif;line-height:1.5">
        <p style="color:${SEVERITY_COLOUR[alert.severity]};font-weight:bold">${label}</p>
        <h2>${alert.summary}</h2>
        ${repeats ? html`<p><strong>${repeats}</strong></p>` : ''}
        <p>Subject: <code>${alert.subject}</code> · kind: <code>${alert.kind}</code></p>
        <table style="border-collapse:collapse">
          ${numbers.map(
            ([name, value]) =>
              html`<tr>
                <th style="text-align:left;padding-right:1em">${name}</th>
                <td>${value}</td>
              </tr>`,
          )}
        </table>
        <p>Look closer:</p>
        <pre style="background:#f4f4f5;padding:0.75em">${alert.commands.join('\n')}</pre>
      </body>
    </html>`
  return { subject, html: String(page), text }
}

function times(occurrences: number): string {
  return occurrences === 1 ? 'once' : `${occurrences} times`
}

/** `10 minutes`, `45 seconds`: windows are configured in whole units. */
function period(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1_000))
  if (seconds < 120) return seconds === 1 ? '1 second' : `${seconds} seconds`
  return `${Math.round(seconds / 60)} minutes`
}
