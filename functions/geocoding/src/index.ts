import { reverseGeocode } from './reverse-geocode'
import { searchAddresses } from './search-addresses'

export { reverseGeocode, searchAddresses }

/** The geocoding functions, in the order their routes are mounted. */
export const functions = [searchAddresses, reverseGeocode] as const
