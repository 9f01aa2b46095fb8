import { CloudEvent, HTTP } from 'cloudevents'
import { describe, expect, it } from 'vitest'
import { decodeEvent, encodeBuilt, encodeEvent } from './codec'

const base = {
  id: 'evt-1',
  source: '/shipments',
  type: 'com.dropmate.shipment.created.v1',
  time: '2026-11-24T10:00:00.123456789+02:00',
}

const roundTrip = (event: CloudEvent<unknown>) => decodeEvent(encodeEvent(event))

describe('encodeEvent and decodeEvent', () => {
  it('keep every attribute and extension, and the time exactly as written', () => {
    const event = new CloudEvent<unknown>({
      ...base,
      subject: 'DM-7Q4K2',
      dataschema: 'https://dropmate.example/schemas/shipment-created.json',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      knativeerrorcode: '503',
      attempt: 3,
      urgent: true,
      datacontenttype: 'application/json',
      data: { trackingNumber: 'DM-7Q4K2' },
    })
    const decoded = roundTrip(event)
    expect(decoded).toEqual(event)
    expect(decoded.time).toBe(base.time)
    expect(JSON.parse(encodeEvent(event))).toMatchObject({ attempt: 3, urgent: true })
  })

  it('keep JSON data as JSON, falsy values and null included', () => {
    for (const data of [{ a: [1, { b: null }] }, [], 0, false, '', null, 'plain']) {
      const event = new CloudEvent<unknown>({ ...base, datacontenttype: 'application/json', data })
      expect(roundTrip(event).data).toEqual(data)
    }
  })

  it('keep string data of a text type as the string', () => {
    const event = new CloudEvent<unknown>({ ...base, datacontenttype: 'text/xml', data: '<a/>' })
    expect(JSON.parse(encodeEvent(event))).toMatchObject({ data: '<a/>' })
    expect(roundTrip(event)).toEqual(event)
  })

  it('store binary data as data_base64 and give the same bytes back', () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255])
    const event = new CloudEvent<unknown>({ ...base, datacontenttype: 'image/png', data: bytes })
    const stored = JSON.parse(encodeEvent(event))
    expect(stored).toMatchObject({ data_base64: 'AAEC/f7/' })
    expect(stored).not.toHaveProperty('data')
    const decoded = roundTrip(event)
    expect(decoded.data).toEqual(bytes)
    expect(decoded).toEqual(event)
  })

  it('keep the bytes of a structured event the SDK parsed, which it holds one per Uint32', () => {
    const parsed = HTTP.toEvent({
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({ ...base, specversion: '1.0', data_base64: 'AAEC/w==' }),
    }) as CloudEvent<unknown>
    expect(JSON.parse(encodeEvent(parsed))).toMatchObject({ data_base64: 'AAEC/w==' })
    expect(roundTrip(parsed).data).toEqual(new Uint8Array([0, 1, 2, 255]))
  })

  it('leave absent data absent', () => {
    const event = new CloudEvent<unknown>(base)
    const stored = JSON.parse(encodeEvent(event))
    expect(stored).not.toHaveProperty('data')
    expect(stored).not.toHaveProperty('data_base64')
    expect(roundTrip(event).data).toBeUndefined()
  })

  it('read back a stored event even where the SDK strict mode would refuse it', () => {
    const stored = JSON.stringify({ ...base, specversion: '1.0', source: 'not a uri reference' })
    expect(() => new CloudEvent(JSON.parse(stored))).toThrow()
    expect(decodeEvent(stored).source).toBe('not a uri reference')
  })

  it('give back an event that can be cloned, as dead-lettering does', () => {
    const event = roundTrip(new CloudEvent<unknown>({ ...base, data: { a: 1 } }))
    const failed = event.cloneWith({ knativeerrorcode: '500' })
    expect(decodeEvent(encodeEvent(failed))).toMatchObject({ id: 'evt-1', knativeerrorcode: '500' })
  })
})

describe('encodeBuilt', () => {
  it('writes what encodeEvent writes for the same event built with the SDK', () => {
    const built = { ...base, subject: 'driver-7', data: { lat: 38.71, lng: -9.14 } }
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    const { id, time, ...parts } = built
    const direct = encodeBuilt(parts, { id, time, traceparent })
    const viaSdk = encodeEvent(
      new CloudEvent({ ...built, traceparent, datacontenttype: 'application/json' }),
    )

    expect(JSON.parse(direct)).toEqual(JSON.parse(viaSdk))
    expect(decodeEvent(direct)).toEqual(decodeEvent(viaSdk))
  })
})
