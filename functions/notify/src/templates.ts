import { shopTime, type EtaWindow } from '@dropmate/core'
import type { EmailContent } from '@dropmate/mail'
import type { Notice } from './notice'

export interface TemplateInput {
  notice: Notice
  trackingNumber: string
  receiverName: string
  driverFirstName: string | null
  eta: EtaWindow | null
  trackingUrl: string
  unsubscribeUrl: string
  /** SHOP_TIME_ZONE: every time in the email is given by the shop's clock. */
  timeZone: string
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

/**
 * The text message of a notice: the email's words, the tracking link and how to stop them,
 * without a greeting, as a text is paid for by its length. En dashes become hyphens so the
 * text stays in the GSM-7 alphabet: 160 characters a part instead of UCS-2's 70.
 *
 * @example
 * renderText({ notice: { kind: 'on_its_way' }, … })
 * // 'Bruno is on the way to you with parcel DM-…\nExpected 14:05-14:20 (Lisbon time).\nTrack: …'
 */
export function renderText(input: TemplateInput): string {
  const { lines } = wording(input)
  const text = [...lines, `Track: ${input.trackingUrl}`, `Stop texts: ${input.unsubscribeUrl}`]
  return text.join('\n').replaceAll('–', '-')
}

function wording({ notice, trackingNumber, driverFirstName, eta, timeZone }: TemplateInput) {
  const parcel = `Your parcel ${trackingNumber}`
  const driver = driverFirstName ?? 'A driver'
  const time = shopTime(timeZone)
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
            ? `Expected ${time.between(eta.earliest, eta.latest)}.`
            : 'Follow it live on the tracking page.',
        ],
      }
    case 'arriving':
      return {
        subject: `${parcel} is nearly there`,
        lines: [
          `${driver} is nearly at your door with parcel ${trackingNumber}.`,
          `Close by since ${time.at(notice.closeBySince)}.`,
        ],
      }
    case 'delivered':
      return {
        subject: `${parcel} has been delivered`,
        lines: [`Parcel ${trackingNumber} has been delivered. Enjoy!`],
      }
    case 'slot_moved':
      return {
        subject: `${parcel} has a new delivery slot`,
        lines: [
          `Parcel ${trackingNumber} will now come ${time.between(notice.slot.from, notice.slot.to)}.`,
        ],
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

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )
}
