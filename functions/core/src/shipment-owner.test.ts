import { describe, expect, it } from 'vitest'
import { ownerOfNewShipment } from './shipment-owner'

const customer = { role: 'customer', userId: 'rita' } as const
const dispatcher = { role: 'dispatcher', userId: 'dora' } as const

describe('ownerOfNewShipment', () => {
  it('makes a customer’s shipment their own', () => {
    expect(ownerOfNewShipment(customer, undefined)).toEqual({ customerId: 'rita', check: false })
    expect(ownerOfNewShipment(customer, 'rita')).toEqual({ customerId: 'rita', check: false })
  })

  it('refuses a customer creating a shipment for someone else', () => {
    expect(ownerOfNewShipment(customer, 'someone-else')).toEqual({ refused: 'forbidden_field' })
  })

  it('leaves a staff shipment without a customer unless one is named', () => {
    expect(ownerOfNewShipment(dispatcher, undefined)).toEqual({ customerId: null, check: false })
  })

  it('asks for the customer staff name to be checked as one', () => {
    expect(ownerOfNewShipment(dispatcher, 'rita')).toEqual({ customerId: 'rita', check: true })
  })
})
