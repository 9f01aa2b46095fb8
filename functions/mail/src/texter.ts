import type { Config } from '@dropmate/core'
import { logger } from '@dropmate/runtime'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'

export interface Text {
  /** The receiver's number as it was typed; sent to only when it reads as a mobile-capable one. */
  to: string
  body: string
  /** What the text is about, in words fit for a log: its body names people and holds links. */
  about?: Record<string, string>
}

export interface Texter {
  /**
   * Resolves once the provider took the text, or when it never can (a number that is no
   * number); throws TextNotSent when a retry may help.
   */
  send(text: Text): Promise<void>
}

export class TextNotSent extends Error {
  override name = 'TextNotSent'
}

// Twilio answers in well under a second; a hung call must end before the event's claim does.
const SEND_TIMEOUT_MS = 20_000

type TexterConfig = Pick<
  Config,
  'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'SMS_API_URL' | 'SMS_FROM' | 'SMS_DEFAULT_COUNTRY'
>

/**
 * Texts through Twilio's Messages API: one form POST, so no SDK (twilio's pulls in axios,
 * jsonwebtoken and more, a cold start's worth for a call this small). Without an account SID,
 * token and sender it logs that a text would have gone, about what and to whom (masked).
 *
 * @example
 * await createTexter(config).send({ to: '912 345 678', body: 'Your parcel is on its way' })
 */
export function createTexter(config: TexterConfig): Texter {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, SMS_FROM: from } = config
  if (!sid || !token || !from) {
    return {
      async send(text) {
        logger.info({ ...text.about, to: masked(text.to) }, 'Twilio unset: text not sent')
      },
    }
  }
  const url = `${config.SMS_API_URL}/2010-04-01/Accounts/${sid}/Messages.json`
  const authorization = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`
  const sender = from.startsWith('MG') ? 'MessagingServiceSid' : 'From'
  return {
    async send(text) {
      const to = e164(text.to, config.SMS_DEFAULT_COUNTRY as CountryCode | undefined)
      if (!to) {
        logger.warn({ ...text.about, to: masked(text.to) }, 'not a phone number; no text sent')
        return
      }
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: to, [sender]: from, Body: text.body }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new TextNotSent('Twilio could not be reached', { cause: error })
      })
      const answer = (await response.json().catch(() => ({}))) as { code?: number }
      if (response.ok) return
      // Twilio's 4xx other than 429 mean this text can never go (a landline, a number the
      // account may not reach, one that texted STOP): retrying would only delay the next one.
      if (response.status < 500 && response.status !== 429) {
        const log = { ...text.about, status: response.status, code: answer.code, to: masked(to) }
        logger.warn(log, 'Twilio refused the text; not retried')
        return
      }
      throw new TextNotSent(`Twilio answered ${response.status}`)
    },
  }
}

/** The number in E.164 (+351912345678), or null when it is not a possible number. */
function e164(typed: string, country: CountryCode | undefined): string | null {
  const number = parsePhoneNumberFromString(typed, country)
  return number?.isPossible() ? number.number : null
}

/** Enough of a number to tell which, not enough to reach anyone: the last three digits. */
function masked(number: string): string {
  const digits = number.replace(/\D/g, '')
  return `…${digits.slice(-3)}`
}
