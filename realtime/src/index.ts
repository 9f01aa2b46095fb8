export { realtimeApps } from './app'
export { createRealtimeGateway, type GatewayOptions, type RealtimeGateway } from './gateway'
