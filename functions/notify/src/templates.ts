import type { EtaWindow } from '@dropmate/core'
import type { Notice } from './notice'

export interface EmailContent {
  subject: string
  html: string
  text: string
}

export interface TemplateInput {
  notice: Notice
  trackingNumber: string
  receiverName: string
  driverFirstName: string | null
  eta: EtaWindow | null
  trackingUrl: string
  unsubscribeUrl: string
}

/**
 * Every email a receiver gets, in one place: subject, HTML and plain text of each notice.
 *
 * @example
 * renderEmail({ notice: { kind: 'delivered' }, trackingNumber: 'DM-…', … }).subject
 * // 'Your parcel DM-… has been delivered'
 */
export function renderEmail(input: TemplateInput): EmailContent {
  const { subject, lines } = wording(input)
  const greeting = `Hello ${input.receiverName},`
  const footer = [
    `Track your parcel: ${input.trackingUrl}`,
    `Stop emails about this parcel: ${input.unsubscribeUrl}`,
  ]
  const text = [greeting, '', ...lines, '', ...footer, ''].join('\n')
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escape(greeting)}</p>`,
    ...lines.map((line) => `<p>${escape(line)}</p>`),
    `<p><a href="${escape(input.trackingUrl)}">Track your parcel</a></p>`,
    `<p style="font-size:small;color:#666"><a href="${escape(input.unsubscribeUrl)}">` +
      'Stop emails about this parcel</a></p>',
    '</body></html>',
  ].join('\n')
  return { subject, html, text }
}

function wording({ notice, trackingNumber, driverFirstName, eta }: TemplateInput) {
  const parcel = `Your parcel ${trackingNumber}`
  const driver = driverFirstName ?? 'A driver'
  switch (notice.kind) {
    case 'assigned':
      return {
        subject: `${parcel} has a driver`,
        lines: [`${driver} will bring your parcel ${trackingNumber}.`],
      }
    case 'on_its_way':
      return {
        subject: `${parcel} is on its way`,
        lines: [
          `${driver} is on the way to you with parcel ${trackingNumber}.`,
          eta
            ? `Expected between ${clock(eta.earliest)} and ${clock(eta.latest)} (UTC).`
            : 'Follow it live on the tracking page.',
        ],
      }
    case 'delivered':
      return {
        subject: `${parcel} has been delivered`,
        lines: [`Parcel ${trackingNumber} has been delivered. Enjoy!`],
      }
    case 'failed':
      return {
        subject: `${parcel} could not be delivered`,
        lines: [
          `We could not deliver parcel ${trackingNumber}.`,
          notice.reason ? `Reason: ${notice.reason}` : 'The shop will be in touch.',
        ],
      }
  }
}

/** HH:MM of an ISO time, in UTC: the shop's time zone is not known here. */
function clock(iso: string): string {
  return iso.slice(11, 16)
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )
}
