import { ARRIVAL_RADIUS_M } from './eta'
import { distanceMeters, type LatLng } from './geo'

/** A parcel on its way to a door, as arrival detection needs it. */
export interface ParcelOnItsWay {
  receiverLat: number
  receiverLng: number
  /** Whether the driver was already seen within reach of the door. */
  arrived: boolean
}

/**
 * The first fix, of those given in time order, within reach of each parcel's door; one per
 * parcel not yet marked arrived.
 *
 * @example
 * findArrivals([far, nearDoor, atDoor], [parcel]) // [{ delivery: parcel, fix: nearDoor }]
 */
export function findArrivals<F extends LatLng, D extends ParcelOnItsWay>(
  fixes: readonly F[],
  deliveries: readonly D[],
): Array<{ delivery: D; fix: F }> {
  return deliveries.flatMap((delivery) => {
    if (delivery.arrived) return []
    const door = { lat: delivery.receiverLat, lng: delivery.receiverLng }
    const fix = fixes.find((each) => distanceMeters(each, door) <= ARRIVAL_RADIUS_M)
    return fix ? [{ delivery, fix }] : []
  })
}
