import { describe, expect, it } from 'vitest'
import { changedSettings, refuseDriverChange } from './driver-changes'

const ana = { role: 'driver', userId: 'u-ana', driverId: 'ana' } as const
const dispatcher = { role: 'dispatcher', userId: 'dora' } as const

describe('refuseDriverChange', () => {
  it('lets drivers change their own duty status', () => {
    expect(refuseDriverChange(ana, 'ana', { dutyStatus: 'available' })).toBeNull()
  })

  it('answers a driver asking about another driver as if there were none', () => {
    expect(refuseDriverChange(ana, 'bruno', { dutyStatus: 'offline' })).toBe('driver_not_found')
  })

  it('keeps the vehicle for staff to change', () => {
    expect(refuseDriverChange(ana, 'ana', { vehicleType: 'van' })).toBe('forbidden_field')
    expect(refuseDriverChange(ana, 'ana', { vehiclePlate: null })).toBe('forbidden_field')
    expect(refuseDriverChange(dispatcher, 'ana', { vehicleType: 'van' })).toBeNull()
  })
})

describe('changedSettings', () => {
  const current = { dutyStatus: 'available', vehicleType: 'bicycle', vehiclePlate: null } as const

  it('keeps only the fields that differ', () => {
    expect(changedSettings(current, { dutyStatus: 'available', vehicleType: 'van' })).toEqual({
      vehicleType: 'van',
    })
  })

  it('sees a repeated value as no change at all', () => {
    expect(changedSettings(current, { dutyStatus: 'available', vehiclePlate: null })).toEqual({})
  })

  it('takes removing a plate as a change', () => {
    const plated = { ...current, vehiclePlate: 'AA-00-AA' }
    expect(changedSettings(plated, { vehiclePlate: null })).toEqual({ vehiclePlate: null })
  })
})
