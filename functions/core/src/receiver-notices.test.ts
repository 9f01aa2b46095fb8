import { describe, expect, it } from 'vitest'
import { shouldNotifyReceiver } from './receiver-notices'

const receiver = { notificationsOptedOutAt: null, status: 'in_transit' } as const
const email = 'rita@example.com'

describe('shouldNotifyReceiver', () => {
  it('tells a receiver who gave a contact and did not opt out', () => {
    expect(shouldNotifyReceiver(receiver, email, 'on_its_way')).toBe(true)
    expect(shouldNotifyReceiver(receiver, '+351912345678', 'on_its_way')).toBe(true)
  })

  it('sends nothing without a contact, or after the receiver opted out', () => {
    expect(shouldNotifyReceiver(receiver, null, 'delivered')).toBe(false)
    const optedOut = { ...receiver, notificationsOptedOutAt: new Date('2026-11-26T10:00:00Z') }
    expect(shouldNotifyReceiver(optedOut, email, 'delivered')).toBe(false)
  })

  it('says "nearly there" only while the parcel is still on its way', () => {
    expect(shouldNotifyReceiver(receiver, email, 'arriving')).toBe(true)
    const delivered = { ...receiver, status: 'delivered' } as const
    expect(shouldNotifyReceiver(delivered, email, 'arriving')).toBe(false)
    expect(shouldNotifyReceiver(delivered, email, 'delivered')).toBe(true)
  })
})
