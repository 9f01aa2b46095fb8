export { noticeFor, type Notice, type Noticed } from './notice'
export { notifyReceiver } from './notify-receiver/app'
export { renderEmail } from './templates'
export { unsubscribeNotifications } from './unsubscribe/app'
