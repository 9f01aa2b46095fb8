// What each notify function needs as a Knative Service; read by knative/src, not by the apps.
export { deployment as notifyReceiver } from './notify-receiver/deploy'
export { deployment as unsubscribeNotifications } from './unsubscribe/deploy'
