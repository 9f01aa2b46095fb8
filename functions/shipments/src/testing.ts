export { newShipmentBody, startShipmentsApi } from '../test/support'
export { seedDutyChanges, seedPastShipment, type PastShipment, type Step } from '../test/history'
