import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_LABELS } from '@dropmate/contracts/rest/labels'
import { crop, printPdf, scan } from '@dropmate/scripts/test/pdf-reading'
import { startShipmentsApi } from './support'

const PUBLIC_URL = 'https://shop.example'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
let mine: { id: string; trackingNumber: string }
let theirs: { id: string; trackingNumber: string }

beforeAll(async () => {
  stack = await startShipmentsApi({ PUBLIC_URL })
  mine = await stack.shipmentIn('assigned', stack.people.customer)
  theirs = await stack.create(stack.people.otherCustomer)
})

afterAll(() => stack.api.close())

/** The PDF as a browser downloads it. */
async function download(path: string, token?: string, body?: unknown) {
  const response = await fetch(stack.api.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { status: response.status, headers: response.headers, bytes }
}

const problem = (reply: { bytes: Uint8Array }) => JSON.parse(new TextDecoder().decode(reply.bytes))

describe('a shipping label', () => {
  it('shows whom and where to, and scans to the tracking page and the tracking number', async () => {
    const token = stack.people.dispatcher.token
    const reply = await download(`/api/shipments/${mine.id}/label?size=4x6`, token)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('application/pdf')
    expect(reply.headers.get('content-disposition')).toBe(
      `inline; filename="label-${mine.trackingNumber}-4x6.pdf"`,
    )
    const [page, ...more] = await printPdf(reply.bytes)
    expect(more).toHaveLength(0)
    expect(page!.text).toContain('Rita Sousa')
    expect(page!.text).toContain('Rua dos Remédios 4, Alfama, Lisboa')
    expect(page!.text).toContain('Padaria Estrela')
    expect(page!.text).toContain(mine.trackingNumber)
    // The receiver's phone and email are for the driver's app, not for a sticker on a box.
    expect(page!.text).not.toContain('910 000 099')
    expect(await scan(page!, 'QRCode')).toBe(`${PUBLIC_URL}/track/${mine.trackingNumber}`)
    expect(await scan(page!, 'Code128')).toBe(mine.trackingNumber)
  })

  it('prints A4 unless asked otherwise, one label in the top left quarter', async () => {
    const reply = await download(`/api/shipments/${mine.id}/label`, stack.people.admin.token)
    expect(reply.headers.get('content-disposition')).toContain('-a4.pdf')
    const [page] = await printPdf(reply.bytes)
    // A4 at 3 × 72 dpi
    expect([page!.width, page!.height]).toEqual([1786, 2526])
    const quarter = crop(page!, 0, 0, page!.width / 2, page!.height / 2)
    expect(await scan(quarter, 'QRCode')).toBe(`${PUBLIC_URL}/track/${mine.trackingNumber}`)
  })
})

describe('labels for a selection', () => {
  let five: Array<{ id: string; trackingNumber: string }>
  beforeAll(async () => {
    five = []
    for (let n = 0; n < 5; n++) five.push(await stack.create(stack.people.customer))
  })

  const numbersOn = (text: string) => five.filter((s) => text.includes(s.trackingNumber))

  it('puts four to an A4 page, in the order chosen', async () => {
    const ids = five.map((s) => s.id)
    const reply = await download('/api/shipments/labels', stack.people.dispatcher.token, {
      ids,
      size: 'a4',
    })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-disposition')).toBe('inline; filename="labels-5-a4.pdf"')
    const pages = await printPdf(reply.bytes, 2)
    expect(pages.map((page) => numbersOn(page.text))).toEqual([five.slice(0, 4), five.slice(4)])
    const [first] = pages
    const bottomRight = crop(
      first!,
      first!.width / 2,
      first!.height / 2,
      first!.width / 2,
      first!.height / 2,
    )
    expect(await scan(bottomRight, 'QRCode')).toBe(`${PUBLIC_URL}/track/${five[3]!.trackingNumber}`)
  })

  it('puts one to a 4×6 page, and each parcel once however often it was ticked', async () => {
    const ids = [...five.map((s) => s.id), five[0]!.id]
    const reply = await download('/api/shipments/labels', stack.people.customer.token, {
      ids,
      size: '4x6',
    })
    expect(reply.status).toBe(200)
    const pages = await printPdf(reply.bytes, 1)
    expect(pages.map((page) => numbersOn(page.text))).toEqual(five.map((s) => [s]))
  })

  it('prints nothing when one of them is unknown or not the caller’s', async () => {
    const ids = five.map((s) => s.id)
    for (const [extra, token] of [
      ['00000000-0000-4000-8000-000000000000', stack.people.dispatcher.token],
      [theirs.id, stack.people.customer.token],
    ] as const) {
      const reply = await download('/api/shipments/labels', token, { ids: [...ids, extra] })
      expect(reply.status).toBe(404)
      expect(problem(reply)).toMatchObject({ code: 'shipment_not_found' })
    }
  })
})

describe('who may print labels', () => {
  it.each([
    ['admin', 200, 200],
    ['dispatcher', 200, 200],
    ['customer', 200, 404],
    ['otherCustomer', 404, 200],
    ['driver', 403, 403],
    ['otherDriver', 403, 403],
  ] as const)('%s: mine %s, theirs %s', async (who, forMine, forTheirs) => {
    const token = stack.people[who].token
    for (const [shipment, status] of [
      [mine, forMine],
      [theirs, forTheirs],
    ] as const) {
      const one = await download(`/api/shipments/${shipment.id}/label`, token)
      expect(one.status).toBe(status)
      const sheet = await download('/api/shipments/labels', token, { ids: [shipment.id] })
      expect(sheet.status).toBe(status)
      if (status !== 200)
        expect(problem(sheet).code).toBe(status === 403 ? 'forbidden_role' : 'shipment_not_found')
    }
  })

  it('needs a token', async () => {
    expect((await download(`/api/shipments/${mine.id}/label`)).status).toBe(401)
    expect((await download('/api/shipments/labels', undefined, { ids: [mine.id] })).status).toBe(
      401,
    )
  })
})

describe('label requests that make no sense', () => {
  const token = () => stack.people.dispatcher.token

  it('answers 404 for an unknown shipment and 400 for what is no id', async () => {
    const unknown = await download(
      '/api/shipments/00000000-0000-4000-8000-000000000000/label',
      token(),
    )
    expect(unknown.status).toBe(404)
    expect(problem(unknown)).toMatchObject({ code: 'shipment_not_found' })
    const malformed = await download('/api/shipments/not-an-id/label', token())
    expect(malformed.status).toBe(400)
  })

  it.each(['a5', 'A4', '', '4x6x'])('refuses the size %j', async (size) => {
    const one = await download(`/api/shipments/${mine.id}/label?size=${size}`, token())
    expect(one.status).toBe(400)
    expect(problem(one).errors).toEqual([expect.objectContaining({ field: 'query.size' })])
    const sheet = await download('/api/shipments/labels', token(), { ids: [mine.id], size })
    expect(sheet.status).toBe(400)
  })

  it(`refuses more than ${MAX_LABELS} labels at once, and none`, async () => {
    const many = Array.from({ length: MAX_LABELS + 1 }, () => mine.id)
    for (const ids of [many, []]) {
      const reply = await download('/api/shipments/labels', token(), { ids })
      expect(reply.status).toBe(400)
      expect(problem(reply).errors).toEqual([expect.objectContaining({ field: 'body.ids' })])
    }
  })

  it.each([
    ['ids that are no UUIDs', { ids: ['DM123'] }],
    ['ids that are no list', { ids: mine?.id }],
    ['fields it does not know', { ids: [], copies: 2 }],
    ['no body', undefined],
  ])('refuses %s', async (_, body) => {
    const reply = await download('/api/shipments/labels', token(), body ?? '')
    expect(reply.status).toBe(400)
  })
})
