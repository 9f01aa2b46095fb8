import { describe, expect, it } from 'vitest'
import { checkHandOver } from './hand-over'

const assigned = { status: 'assigned', driverId: 'ana' } as const

describe('checkHandOver', () => {
  it('hands an assigned shipment to another driver', () => {
    expect(checkHandOver(assigned, 'bruno')).toBe('hand_over')
  })

  it('changes nothing when the shipment is with that driver already', () => {
    expect(checkHandOver(assigned, 'ana')).toBe('unchanged')
  })

  it('refuses once the parcel is picked up, and before anyone has it', () => {
    expect(checkHandOver({ status: 'picked_up', driverId: 'ana' }, 'bruno')).toBe(
      'not_reassignable',
    )
    expect(checkHandOver({ status: 'pending', driverId: null }, 'bruno')).toBe('not_reassignable')
  })
})
