import { describe, expect, it } from 'vitest'
import { findArrivals } from './arrival'

const door = { receiverLat: 38.7118, receiverLng: -9.1306 } // Alfama
const parcel = (shipmentId: string, arrived = false) => ({ shipmentId, ...door, arrived })
const fix = (name: string, lat: number, lng: number) => ({ name, lat, lng })

const farAway = fix('far', 38.7135, -9.1605) // 2.6 km west
const nearDoor = fix('near', 38.7125, -9.1306) // about 80 m north
const atDoor = fix('at', 38.7118, -9.1306)

describe('findArrivals', () => {
  it('finds the first fix within reach of the door', () => {
    const [arrival, ...more] = findArrivals([farAway, nearDoor, atDoor], [parcel('p1')])

    expect(arrival?.fix.name).toBe('near')
    expect(arrival?.delivery.shipmentId).toBe('p1')
    expect(more).toEqual([])
  })

  it('finds nothing while the driver is still far from the door', () => {
    expect(findArrivals([farAway], [parcel('p1')])).toEqual([])
  })

  it('does not announce again a parcel already marked arrived', () => {
    expect(findArrivals([atDoor], [parcel('p1', true)])).toEqual([])
  })

  it('gives one arrival per parcel when two go to the same door', () => {
    const arrivals = findArrivals([nearDoor, atDoor], [parcel('p1'), parcel('p2')])

    expect(arrivals.map((each) => [each.delivery.shipmentId, each.fix.name])).toEqual([
      ['p1', 'near'],
      ['p2', 'near'],
    ])
  })
})
