export { createGeocoder, MAX_SUGGESTIONS, type Geocoder } from './geocoder'
