import { logger } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import type { LocalTrackingViews } from './local-tracking-views'

/** Where writers announce a changed tracking number; under the prefix, like the keys. */
export function invalidationChannel(redis: Redis): string {
  return `${redis.options.keyPrefix ?? ''}track:invalidated`
}

/**
 * Applies every replica's invalidations to this process's `local` views, from a subscriber
 * connection of its own. Views are kept only while subscribed: when the connection drops
 * they are all dropped and none is kept until the subscription is back, when they are
 * dropped once more, since an invalidation may have been published while it was away.
 */
export function listenForInvalidations(redis: Redis, local: LocalTrackingViews) {
  const channel = invalidationChannel(redis)
  // The main client fails fast while Redis is away (failFastWhileAway); a subscriber waits.
  const subscriber = redis.duplicate({
    lazyConnect: true,
    enableOfflineQueue: true,
    autoResubscribe: false,
  })
  const unheard = () => {
    local.keep(false)
    local.forgetAll()
  }
  subscriber.on('ready', () => {
    subscriber
      .subscribe(channel)
      .then(() => {
        local.forgetAll()
        local.keep(true)
      })
      .catch(warn)
  })
  subscriber.on('close', unheard)
  subscriber.on('message', (_channel: string, trackingNumber: string) =>
    local.forget(trackingNumber),
  )
  subscriber.on('error', warn)
  subscriber.connect().catch(warn)
  return {
    close() {
      subscriber.disconnect()
      unheard()
    },
  }
}

function warn(error: unknown) {
  logger.warn({ err: error }, 'tracking invalidations unheard, serving views from Redis')
}
