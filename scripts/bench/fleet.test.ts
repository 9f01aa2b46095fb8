import { distanceMeters, normalizeTrackingNumber } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { SHOP } from '../seed/demo-data'
import { pingRequest } from './scenarios'
import { parcelInTransit } from './fleet'

describe('parcelInTransit', () => {
  const parcel = { trackingNumber: 'DM7K3QX9B2MTP4', driverId: 'd-1' }

  it('is in transit with its driver, so the gateway routes that driver to its tracking page', () => {
    const row = parcelInTransit(parcel, 0)
    expect(row).toMatchObject({ trackingNumber: 'DM7K3QX9B2MTP4', status: 'in_transit' })
    expect(row.driverId).toBe('d-1')
    expect(row.pickedUpAt).toBeInstanceOf(Date)
    expect(normalizeTrackingNumber(row.trackingNumber)).toBe(row.trackingNumber)
  })

  it('goes to a door no bench ping comes near, so no arrival is ever recorded', () => {
    const driver = { driverId: 'd-1', token: 't' }
    for (const n of [0, 1, 499, 999]) {
      const door = parcelInTransit(parcel, n)
      for (const p of [0, 57, 100, 199, 12_345]) {
        const ping = JSON.parse(pingRequest(driver, p).body) as { lat: number; lng: number }
        const distance = distanceMeters(ping, { lat: door.receiverLat, lng: door.receiverLng })
        expect(distance).toBeGreaterThan(5_000)
      }
      expect(door.senderLat).toBe(SHOP.lat)
    }
  })
})
