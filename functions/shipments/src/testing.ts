export { newShipmentBody, startShipmentsApi } from '../test/support'
