import { signal } from '@preact/signals'
import { messageOf } from '../api/http'
import { appConfig } from '../config'
import { authed } from './session'

export type PushState = 'unavailable' | 'off' | 'on' | 'blocked'

/**
 * Whether this phone's driver app takes a push for each new delivery: the browser's push
 * subscription (through the service worker) and the server's copy of it, kept in step.
 * 'unavailable' where the browser cannot or the shop has no VAPID key.
 */
export function createPushNotifications() {
  const state = signal<PushState>('unavailable')
  const error = signal<string | null>(null)
  const supported =
    'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window

  const registration = () => navigator.serviceWorker.ready
  const key = appConfig().then((config) => config.pushKey)

  void (async () => {
    if (!supported || !(await key)) return
    const subscription = await (await registration()).pushManager.getSubscription()
    state.value = subscription ? 'on' : Notification.permission === 'denied' ? 'blocked' : 'off'
  })()

  const enable = async () => {
    error.value = null
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        state.value = 'blocked'
        return
      }
      const subscription = await (
        await registration()
      ).pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: (await key)! })
      await authed('/api/push-subscriptions', { method: 'PUT', json: subscription.toJSON() })
      state.value = 'on'
    } catch (failure) {
      error.value = messageOf(failure)
    }
  }

  const disable = async () => {
    error.value = null
    try {
      const subscription = await (await registration()).pushManager.getSubscription()
      if (subscription) {
        await authed('/api/push-subscriptions', {
          method: 'DELETE',
          json: { endpoint: subscription.endpoint },
        })
        await subscription.unsubscribe()
      }
      state.value = 'off'
    } catch (failure) {
      error.value = messageOf(failure)
    }
  }

  return { state, error, enable, disable }
}
