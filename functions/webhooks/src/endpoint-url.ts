import type { Config } from '@dropmate/core'
import { ProblemError } from '@dropmate/runtime'
import { assertPublicHost, PrivateAddressError } from './public-lookup'

export type UrlSettings = Pick<Config, 'WEBHOOKS_ALLOW_HTTP' | 'WEBHOOKS_ALLOW_PRIVATE'>

const refused = (detail: string) => new ProblemError('webhook_url_refused', detail)

/**
 * The endpoint URL as it will be called, or a `webhook_url_refused` problem: https only
 * (http when WEBHOOKS_ALLOW_HTTP), no credentials in it, and a host on the public internet
 * unless WEBHOOKS_ALLOW_PRIVATE. Delivery checks the address again, as names move.
 */
export async function checkEndpointUrl(raw: string, settings: UrlSettings): Promise<string> {
  const url = URL.parse(raw)
  if (!url) throw refused('The URL does not parse.')
  const schemes = settings.WEBHOOKS_ALLOW_HTTP ? ['https:', 'http:'] : ['https:']
  if (!schemes.includes(url.protocol)) {
    throw refused(`The URL must be ${schemes.map((s) => s.slice(0, -1)).join(' or ')}.`)
  }
  if (url.username || url.password) throw refused('The URL must not carry a user or password.')
  url.hash = ''
  if (settings.WEBHOOKS_ALLOW_PRIVATE) return url.href
  try {
    await assertPublicHost(url)
  } catch (error) {
    if (error instanceof PrivateAddressError) {
      throw refused(`${error.message}; set WEBHOOKS_ALLOW_PRIVATE to allow it.`)
    }
    throw refused(`${url.hostname} does not resolve.`)
  }
  return url.href
}
