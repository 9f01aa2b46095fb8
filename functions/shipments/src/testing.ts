export { startShipmentsApi } from '../test/support'
