import { ProblemError } from '@dropmate/runtime'
import { describe, expect, it } from 'vitest'
import { eventsFromRequest } from './receive'

const attributes = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/shipments',
  type: 'com.dropmate.shipment.created.v1',
}
const ceHeaders = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`ce-${k}`, v]))

const post = (headers: Record<string, string>, body?: RequestInit['body']) =>
  new Request('http://broker.test/broker/events', { method: 'POST', headers, body })
const structured = (body: unknown, type = 'application/cloudevents+json') =>
  post({ 'content-type': type }, typeof body === 'string' ? body : JSON.stringify(body))
const batch = (body: unknown) => structured(body, 'application/cloudevents-batch+json')

async function refusal(request: Request): Promise<string> {
  const error = await eventsFromRequest(request).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ProblemError)
  expect(error).toMatchObject({ status: 400, code: 'invalid_cloudevent' })
  return (error as ProblemError).message
}

describe('eventsFromRequest in binary mode', () => {
  it('reads attributes and extensions from ce-* headers, percent-decoded', async () => {
    const [event] = await eventsFromRequest(
      post(
        {
          ...ceHeaders,
          'ce-time': '2026-11-24T10:00:00.123456789+02:00',
          'ce-subject': 'Rua%20dos%20Rem%C3%A9dios',
          'ce-traceparent': '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          'content-type': 'application/json; charset=utf-8',
        },
        '{"trackingNumber":"DM-7Q4K2"}',
      ),
    )
    expect(event).toMatchObject({
      ...attributes,
      time: '2026-11-24T10:00:00.123456789+02:00',
      subject: 'Rua dos Remédios',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      datacontenttype: 'application/json; charset=utf-8',
      data: { trackingNumber: 'DM-7Q4K2' },
    })
  })

  it('keeps a JSON body that is a bare number or false as that value', async () => {
    for (const [body, data] of [
      ['42', 42],
      ['false', false],
      ['"text"', 'text'],
    ] as const) {
      const request = post({ ...ceHeaders, 'content-type': 'application/json' }, body)
      expect((await eventsFromRequest(request))[0]!.data).toBe(data)
    }
  })

  it('keeps the bytes of a body that is not text, to the byte', async () => {
    const bytes = new Uint8Array([0, 159, 146, 150, 255])
    const [event] = await eventsFromRequest(
      post({ ...ceHeaders, 'content-type': 'image/png' }, bytes),
    )
    expect(event!.data).toEqual(bytes)
    expect(event!.data_base64).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('keeps a text body as a string and an empty body as no data', async () => {
    const text = post({ ...ceHeaders, 'content-type': 'text/plain' }, 'Olá')
    expect((await eventsFromRequest(text))[0]!.data).toBe('Olá')
    const [empty] = await eventsFromRequest(post(ceHeaders))
    expect(empty!.data).toBeUndefined()
  })

  it('names a missing required attribute', async () => {
    for (const name of Object.keys(attributes)) {
      const headers = { ...ceHeaders }
      delete headers[`ce-${name}`]
      expect(await refusal(post(headers))).toContain(`'${name}'`)
    }
  })

  it('refuses a body that a JSON Content-Type says is JSON but is not', async () => {
    const request = post({ ...ceHeaders, 'content-type': 'application/json' }, '{"broken"')
    expect(await refusal(request)).toMatch(/not valid JSON/)
  })

  it('refuses a malformed time instead of replacing it with now', async () => {
    expect(await refusal(post({ ...ceHeaders, 'ce-time': 'yesterday' }))).toContain("'time'")
  })

  it('refuses a header that is not percent-encoded UTF-8', async () => {
    expect(await refusal(post({ ...ceHeaders, 'ce-subject': '%C0%A0' }))).toContain('ce-subject')
  })

  it('refuses a percent-encoded NUL in an attribute, naming it', async () => {
    expect(await refusal(post({ ...ceHeaders, 'ce-id': 'evt%001' }))).toBe(
      "attribute 'id' must not hold a NUL character",
    )
  })
})

describe('eventsFromRequest in structured mode', () => {
  it('reads the event whatever the charset parameter, falsy data included', async () => {
    const body = {
      ...attributes,
      partner: 'padaria',
      datacontenttype: 'application/json',
      data: false,
    }
    const [event] = await eventsFromRequest(
      structured(body, 'application/cloudevents+json; charset=UTF-8'),
    )
    expect(event).toMatchObject(body)
  })

  it('decodes data_base64 into the bytes', async () => {
    const [event] = await eventsFromRequest(structured({ ...attributes, data_base64: 'AAH/' }))
    expect(event!.data).toEqual(new Uint8Array([0, 1, 255]))
  })

  it('names a missing required attribute rather than making one up', async () => {
    for (const name of Object.keys(attributes)) {
      const body: Record<string, string> = { ...attributes }
      delete body[name]
      expect(await refusal(structured(body))).toBe(`missing attribute '${name}'`)
    }
  })

  it('refuses a specversion other than 1.0', async () => {
    expect(await refusal(structured({ ...attributes, specversion: '0.3' }))).toContain('0.3')
  })

  it('refuses malformed JSON', async () => {
    expect(await refusal(structured('{"id":'))).toMatch(/not valid JSON/)
  })

  it('refuses a NUL or a lone surrogate in any string attribute, naming it', async () => {
    expect(await refusal(structured({ ...attributes, id: 'evt\u00001' }))).toBe(
      "attribute 'id' must not hold a NUL character",
    )
    // JSON.stringify writes a lone surrogate as its \ud800 escape, as a broken client would.
    expect(await refusal(structured({ ...attributes, partner: '\ud800' }))).toBe(
      "attribute 'partner' must not hold a lone UTF-16 surrogate",
    )
  })

  it('refuses an extension name the spec does not allow', async () => {
    expect(await refusal(structured({ ...attributes, partnerId: 'x' }))).toContain("'partnerId'")
  })

  it('refuses data and data_base64 together', async () => {
    const body = { ...attributes, data: 'a', data_base64: 'YQ==' }
    expect(await refusal(structured(body))).toMatch(/data_base64/)
  })
})

describe('eventsFromRequest in batched mode', () => {
  it('reads every event of the batch, in order', async () => {
    const events = await eventsFromRequest(
      batch([
        { ...attributes, id: 'a', data: { n: 1 } },
        { ...attributes, id: 'b', data_base64: 'AQI=' },
      ]),
    )
    expect(events.map((event) => event.id)).toEqual(['a', 'b'])
    expect(events[1]!.data).toEqual(new Uint8Array([1, 2]))
  })

  it('refuses the whole batch for one bad event, naming its index and attribute', async () => {
    const message = await refusal(batch([attributes, { ...attributes, source: undefined }]))
    expect(message).toBe("batch[1]: missing attribute 'source'")
  })

  it('refuses an empty batch and a batch that is not an array', async () => {
    expect(await refusal(batch([]))).toMatch(/empty/)
    expect(await refusal(batch(attributes))).toMatch(/array/)
  })
})

describe('eventsFromRequest', () => {
  it('refuses a request that is no CloudEvent at all', async () => {
    const request = post({ 'content-type': 'application/json' }, '{}')
    expect(await refusal(request)).toMatch(/Not a CloudEvent/)
  })
})
