import { describe, expect, it } from 'vitest'
import { fromFleetRow, toFleetRow, type DriverLocation } from './sockets'

const moving: DriverLocation = {
  driverId: '0b4c8a9e-3f7d-4a51-9a0e-2c6f1d8b7e42',
  lat: 38.7118234,
  lng: -9.1306498,
  accuracyM: 6,
  speedMps: 4.2,
  headingDeg: 275,
  recordedAt: '2026-12-05T21:30:01.250Z',
  deliveries: [
    {
      shipmentId: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
      eta: {
        earliest: '2026-12-05T21:41:00.000Z',
        latest: '2026-12-05T21:47:00.000Z',
        distanceM: 2450,
      },
    },
    { shipmentId: '6e2f3a4b-5c6d-4e7f-8081-92a3b4c5d6e7', eta: null },
  ],
}

describe('a fleet row', () => {
  it('reads back as the position it was made from, to a tenth of a metre', () => {
    const read = fromFleetRow(toFleetRow(moving))
    expect(read).toEqual({ ...moving, lat: read.lat, lng: read.lng })
    expect(read.lat).toBeCloseTo(moving.lat, 6)
    expect(read.lng).toBeCloseTo(moving.lng, 6)
    const parked = { ...moving, accuracyM: null, speedMps: null, headingDeg: null, deliveries: [] }
    expect(fromFleetRow(toFleetRow(parked))).toEqual({ ...parked, lat: read.lat, lng: read.lng })
  })

  it('is under half the size of the position as an object', () => {
    const rowBytes = JSON.stringify(toFleetRow(moving)).length
    expect(rowBytes).toBeLessThan(JSON.stringify(moving).length / 2)
  })
})
