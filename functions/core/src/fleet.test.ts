import { describe, expect, it } from 'vitest'
import { availabilityOf } from './fleet'

describe('availabilityOf', () => {
  it('shows a driver on duty with deliveries in hand as busy, whatever they last chose', () => {
    expect(availabilityOf({ dutyStatus: 'available', activeShipments: 8 })).toBe('busy')
    expect(availabilityOf({ dutyStatus: 'busy', activeShipments: 1 })).toBe('busy')
  })

  it('shows a driver on duty with nothing in hand as they chose', () => {
    expect(availabilityOf({ dutyStatus: 'available', activeShipments: 0 })).toBe('available')
    expect(availabilityOf({ dutyStatus: 'busy', activeShipments: 0 })).toBe('busy')
  })

  it('keeps a driver off duty off duty, parcels or not', () => {
    expect(availabilityOf({ dutyStatus: 'offline', activeShipments: 3 })).toBe('offline')
  })
})
