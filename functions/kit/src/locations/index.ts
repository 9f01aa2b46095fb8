export type { DeliveryDirectory } from './delivery-directory'
export type { HistoryWriter } from './history-writer'
export type { LocationServices } from './location-services'
export type { DriverFix, LocationStore, NearbyDriver, StoredFix } from './location-store'
