// What each auth function needs as a Knative Service; read by knative/src, not by the apps.
export { deployment as createUser } from './create-user/deploy'
export { deployment as login } from './login/deploy'
export { deployment as logout } from './logout/deploy'
export { deployment as me } from './me/deploy'
export { deployment as refreshToken } from './refresh/deploy'
