import type { Config } from '@dropmate/core'
import type { PushSubscriptionKeys } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import webpush from 'web-push'

/** What an installed app shows: the service worker (web/public/sw.js) reads these fields. */
export interface PushMessage {
  title: string
  body: string
  /** The page a tap opens. */
  url: string
  /** A later push with the same tag replaces this one on the screen. */
  tag: string
}

export interface PushSender {
  /**
   * 'gone' when the push service says the subscription no longer exists; 'refused' when it
   * will never take this push as it is (a retry cannot help).
   */
  send(subscription: PushSubscriptionKeys, message: PushMessage): Promise<PushOutcome>
}

export type PushOutcome = 'sent' | 'gone' | 'refused'

export class PushNotSent extends Error {
  override name = 'PushNotSent'
}

// A new delivery is news for an hour; a phone off longer than that learns it on opening.
const TTL_SECONDS = 60 * 60
const SEND_TIMEOUT_MS = 20_000

type PushConfig = Pick<Config, 'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY' | 'VAPID_SUBJECT'>

/**
 * Web push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption (RFC 8291),
 * prepared by the web-push library and sent with fetch, which times out. Undefined without a
 * VAPID key pair: the app then offers no notifications.
 *
 * @example
 * await createPushSender(config)?.send(subscription, { title, body, url: '/driver', tag })
 */
export function createPushSender(config: PushConfig): PushSender | undefined {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = config
  if (!publicKey || !privateKey) return undefined
  const vapidDetails = { subject: config.VAPID_SUBJECT, publicKey, privateKey }
  return {
    async send({ endpoint, p256dh, auth }, message) {
      const request = webpush.generateRequestDetails(
        { endpoint, keys: { p256dh, auth } },
        JSON.stringify(message),
        { vapidDetails, TTL: TTL_SECONDS, urgency: 'high', topic: topicOf(message.tag) },
      )
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ?? undefined,
        redirect: 'error',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      }).catch((error: unknown) => {
        throw new PushNotSent('the push service could not be reached', { cause: error })
      })
      await response.body?.cancel()
      if (response.ok) return 'sent'
      if (response.status === 404 || response.status === 410) return 'gone'
      if (response.status >= 500 || response.status === 429) {
        throw new PushNotSent(`the push service answered ${response.status}`)
      }
      // 400, 403, 413: this push can never go as it is; retrying would not change that.
      logger.warn({ status: response.status }, 'the push service refused the push; not retried')
      return 'refused'
    },
  }
}

/** RFC 8030 topics are at most 32 URL-safe characters: the tag's, hex of a uuid fits. */
function topicOf(tag: string) {
  return tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32)
}
