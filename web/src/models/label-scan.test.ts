import { describe, expect, it } from 'vitest'
import { trackingNumberOn } from './label-scan'

describe('trackingNumberOn', () => {
  it('reads the number from the QR code’s tracking link', () => {
    expect(trackingNumberOn('https://shop.example/track/DM7K3QX9B2MTP4')).toBe('DM7K3QX9B2MTP4')
    expect(trackingNumberOn('http://localhost:8080/track/DM7K3QX9B2MTP4?utm=x')).toBe(
      'DM7K3QX9B2MTP4',
    )
  })

  it('takes the barcode’s text as the number, as people write it', () => {
    expect(trackingNumberOn('DM7K3QX9B2MTP4')).toBe('DM7K3QX9B2MTP4')
    expect(trackingNumberOn('dm-7k3q x9b2mtp4')).toBe('DM7K3QX9B2MTP4')
  })
})
