import { encodeEvent, eventsFromMessage } from '@dropmate/events'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { describe, expect, it } from 'vitest'
import { binaryRequest, SENT_EXTENSION, typicalEvent } from './event'

describe('typicalEvent', () => {
  it('encodes to about 400 bytes, the size of a shipment status change', () => {
    const size = Buffer.byteLength(encodeEvent(typicalEvent(123_456)))
    expect(size).toBeGreaterThan(350)
    expect(size).toBeLessThan(450)
  })
})

describe('binaryRequest', () => {
  it('is a binary-mode event the ingress accepts, carrying its send time', () => {
    const sentAt = 1_790_000_000_123.456
    const { headers, body } = binaryRequest({ id: 'run-7', n: 7, token: 't', sentAt })
    const [event] = eventsFromMessage(headers, Buffer.from(body))
    expect(event).toMatchObject({
      id: 'run-7',
      type: EVENT_TYPES.shipmentStatusChanged,
      [SENT_EXTENSION]: '1790000000123.456',
      data: { from: 'assigned', to: 'picked_up', version: 4 },
    })
    expect(headers.authorization).toBe('Bearer t')
  })

  it('gives each request number its own shipment', () => {
    const body = (n: number) =>
      JSON.parse(binaryRequest({ id: 'x', n, token: 't', sentAt: 0 }).body)
    expect(body(1).shipmentId).not.toBe(body(2).shipmentId)
  })
})
