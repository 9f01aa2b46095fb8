import { describe, expect, it } from 'vitest'
import { shouldEmailReceiver } from './receiver-emails'

const receiver = {
  receiverEmail: 'rita@example.com',
  notificationsOptedOutAt: null,
  status: 'in_transit',
} as const

describe('shouldEmailReceiver', () => {
  it('emails a receiver who gave an address and did not opt out', () => {
    expect(shouldEmailReceiver(receiver, 'on_its_way')).toBe(true)
  })

  it('sends nothing without an address, or after the receiver opted out', () => {
    expect(shouldEmailReceiver({ ...receiver, receiverEmail: null }, 'delivered')).toBe(false)
    const optedOut = { ...receiver, notificationsOptedOutAt: new Date('2026-11-26T10:00:00Z') }
    expect(shouldEmailReceiver(optedOut, 'delivered')).toBe(false)
  })

  it('says "nearly there" only while the parcel is still on its way', () => {
    expect(shouldEmailReceiver(receiver, 'arriving')).toBe(true)
    expect(shouldEmailReceiver({ ...receiver, status: 'delivered' }, 'arriving')).toBe(false)
    expect(shouldEmailReceiver({ ...receiver, status: 'delivered' }, 'delivered')).toBe(true)
  })
})
