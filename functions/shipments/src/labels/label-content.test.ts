import { describe, expect, it } from 'vitest'
import type { ShipmentView } from '../shipment-view'
import { labelContent } from './label-content'

const view = {
  trackingNumber: 'DM7K3QX9B2MTP4',
  reference: 'ORD-1001',
  sender: { name: 'Padaria Estrela' },
  receiver: { name: 'Rita Sousa', address: 'Rua dos Remédios 4, Lisboa' },
} as ShipmentView
const settings = { publicUrl: 'https://shop.example', timeZone: 'Europe/Lisbon' }

describe('labelContent', () => {
  it('links the QR code to the public tracking page', () => {
    expect(labelContent(view, settings).trackingUrl).toBe(
      'https://shop.example/track/DM7K3QX9B2MTP4',
    )
  })

  it('gives the promised slot by the shop’s clock', () => {
    const deliveryWindow = { from: '2026-07-14T13:00:00Z', to: '2026-07-14T15:00:00+00:00' }
    expect(labelContent({ ...view, deliveryWindow }, settings).window).toBe(
      'Tue 14 Jul, 14:00–16:00 (Lisbon time)',
    )
    expect(labelContent({ ...view, deliveryWindow }, { ...settings, timeZone: 'UTC' }).window).toBe(
      'Tue 14 Jul, 13:00–15:00 (UTC time)',
    )
  })

  it('leaves the slot out when none was promised', () => {
    expect(labelContent(view, settings).window).toBeNull()
    expect(labelContent({ ...view, deliveryWindow: null }, settings).window).toBeNull()
  })
})
