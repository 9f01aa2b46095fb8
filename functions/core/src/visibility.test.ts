import { describe, expect, it } from 'vitest'
import type { ShipmentParties } from './status-machine'
import { canSee } from './visibility'

const anna = { role: 'customer', userId: 'u-anna' } as const
const driver = { role: 'driver', userId: 'u-dave', driverId: 'd-dave' } as const
const assigned: ShipmentParties = { status: 'assigned', driverId: 'd-dave', customerId: 'u-anna' }

describe('canSee', () => {
  it('lets staff see every shipment', () => {
    expect(canSee({ role: 'dispatcher', userId: 'u-staff' }, assigned)).toBe(true)
    expect(canSee({ role: 'admin', userId: 'u-admin' }, assigned)).toBe(true)
  })

  it('lets a customer see their own shipments only', () => {
    expect(canSee(anna, assigned)).toBe(true)
    expect(canSee({ role: 'customer', userId: 'u-bob' }, assigned)).toBe(false)
  })

  it("lets a driver see their own and unclaimed ones, not another driver's", () => {
    expect(canSee(driver, assigned)).toBe(true)
    expect(canSee(driver, { status: 'pending', driverId: null, customerId: null })).toBe(true)
    expect(canSee(driver, { ...assigned, driverId: 'd-erin' })).toBe(false)
  })

  it('never matches a driver without a driver record to unassigned shipments by accident', () => {
    const noRecord = { role: 'driver', userId: 'u-x', driverId: null } as const
    expect(canSee(noRecord, { ...assigned, status: 'in_transit', driverId: null })).toBe(false)
  })
})
