import { notifyReceiver } from './notify-receiver'
import { unsubscribeNotifications } from './unsubscribe-notifications'

export { notifyReceiver, unsubscribeNotifications }
export { noticeFor, type Notice, type Noticed } from './notice'
export { renderEmail } from './templates'

/**
 * The notification functions, in the order their routes are mounted. Only the broker's
 * dispatcher posts to notify-receiver (knative/triggers/notify.yaml).
 */
export const functions = [unsubscribeNotifications, notifyReceiver] as const
