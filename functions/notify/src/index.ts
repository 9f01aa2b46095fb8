import { notifyReceiver } from './notify-receiver'
import { pushSubscriptions } from './push-subscriptions'
import { unsubscribeNotifications } from './unsubscribe-notifications'

export { notifyReceiver, pushSubscriptions, unsubscribeNotifications }
export { noticeFor, type Notice, type Noticed } from './notice'
export { renderEmail } from './templates'

/**
 * The notification functions, in the order their routes are mounted. Only the broker's
 * dispatcher posts to notify-receiver (knative/triggers/notify.yaml); drivers' apps ask for
 * pushes at push-subscriptions.
 */
export const functions = [unsubscribeNotifications, pushSubscriptions, notifyReceiver] as const
