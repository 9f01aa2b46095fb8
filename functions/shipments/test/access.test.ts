import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newShipmentBody, startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
let mine: { id: string; trackingNumber: string }
let theirs: { id: string; trackingNumber: string }
let claimable: { id: string; trackingNumber: string }

beforeAll(async () => {
  stack = await startShipmentsApi()
  mine = await stack.shipmentIn('assigned', stack.people.customer)
  theirs = await stack.create(stack.people.otherCustomer)
  await stack.api.request('POST', `/api/shipments/${theirs.id}/assign`, {
    token: stack.people.dispatcher.token,
    body: { driverId: stack.people.otherDriver.driverId },
  })
  claimable = await stack.create(null)
})

afterAll(() => stack.api.close())

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id)

describe('who sees which shipment', () => {
  it.each([
    ['admin', true, true, true],
    ['dispatcher', true, true, true],
    ['driver', true, false, true],
    ['otherDriver', false, true, true],
    ['customer', true, false, false],
    ['otherCustomer', false, true, false],
  ] as const)(
    '%s: mine %s, theirs %s, claimable %s',
    async (who, seesMine, seesTheirs, seesClaimable) => {
      const { api, people } = stack
      const token = people[who].token
      const list = await api.request('GET', '/api/shipments?limit=100', { token })
      expect(list.status).toBe(200)
      const listed = ids(list.body)
      for (const [shipment, visible] of [
        [mine, seesMine],
        [theirs, seesTheirs],
        [claimable, seesClaimable],
      ] as const) {
        expect(listed.includes(shipment.id)).toBe(visible)
        for (const path of ['', '/events']) {
          const reply = await api.request('GET', `/api/shipments/${shipment.id}${path}`, { token })
          expect(reply.status).toBe(visible ? 200 : 404)
          if (!visible) expect(reply.body).toMatchObject({ code: 'shipment_not_found' })
        }
      }
    },
  )

  it('needs a token for everything but public tracking', async () => {
    const { api } = stack
    for (const [method, path] of [
      ['GET', '/api/shipments'],
      ['POST', '/api/shipments'],
      ['GET', `/api/shipments/${mine.id}`],
      ['GET', `/api/shipments/${mine.id}/events`],
      ['GET', `/api/shipments/${mine.id}/location`],
      ['PATCH', `/api/shipments/${mine.id}/status`],
      ['POST', `/api/shipments/${mine.id}/assign`],
      ['POST', `/api/shipments/${mine.id}/claim`],
      ['DELETE', `/api/shipments/${mine.id}?reason=x`],
    ]) {
      expect((await api.request(method!, path!)).status, `${method} ${path}`).toBe(401)
    }
    expect((await api.request('GET', `/api/shipments/track/${mine.trackingNumber}`)).status).toBe(
      200,
    )
  })

  it('hides contact details of a claimable shipment from drivers until they hold it', async () => {
    const { api, people } = stack
    const reply = await api.request('GET', `/api/shipments/${claimable.id}`, {
      token: people.driver.token,
    })
    expect(reply.body.receiver).toMatchObject({
      phone: null,
      email: null,
      address: expect.any(String),
    })
    const held = await api.request('GET', `/api/shipments/${mine.id}`, {
      token: people.driver.token,
    })
    expect(held.body.receiver.phone).toBe('+351 910 000 099')
  })
})

describe('lists', () => {
  it('page through everything in a stable order without repeats or gaps', async () => {
    const { api, people } = stack
    for (let i = 0; i < 5; i++) await stack.create(people.customer)
    const all = ids(
      (await api.request('GET', '/api/shipments?limit=100', { token: people.admin.token })).body,
    )
    const paged: string[] = []
    let cursor = ''
    for (;;) {
      const page = await api.request('GET', `/api/shipments?limit=3${cursor}`, {
        token: people.admin.token,
      })
      paged.push(...ids(page.body))
      if (!page.body.nextCursor) break
      cursor = `&cursor=${page.body.nextCursor}`
    }
    expect(paged).toEqual(all)
  })

  it('filter by status, driver and customer, and search tracking numbers and receivers', async () => {
    const { api, people } = stack
    const token = people.dispatcher.token
    const query = async (q: string) =>
      ids((await api.request('GET', `/api/shipments?limit=100&${q}`, { token })).body)
    expect(await query('status=assigned')).toEqual(expect.arrayContaining([mine.id, theirs.id]))
    expect(await query('status=assigned')).not.toContain(claimable.id)
    expect(await query(`driverId=${people.otherDriver.driverId}`)).toEqual([theirs.id])
    expect(await query(`customerId=${people.otherCustomer.userId}`)).toEqual([theirs.id])
    expect(await query(`q=${mine.trackingNumber.slice(2, 9).toLowerCase()}`)).toEqual([mine.id])
    expect(await query('q=rita')).toContain(mine.id)
    expect(await query('q=%25')).toEqual([])
  })

  it('count per status within what the caller may see', async () => {
    const { api, people } = stack
    const reply = await api.request('GET', '/api/shipments?limit=1&counts=true', {
      token: people.otherCustomer.token,
    })
    expect(reply.body.counts).toMatchObject({ assigned: 1, pending: 0, delivered: 0 })
  })
})

describe('creating', () => {
  it('is for staff and customers, not drivers', async () => {
    const { api, people } = stack
    const reply = await api.request('POST', '/api/shipments', {
      token: people.driver.token,
      body: newShipmentBody(),
    })
    expect(reply.status).toBe(403)
    expect(reply.body).toMatchObject({ code: 'forbidden_role' })
  })

  it("makes a customer's shipment theirs, and refuses one for someone else", async () => {
    const { api, people } = stack
    const own = await api.request('POST', '/api/shipments', {
      token: people.customer.token,
      body: newShipmentBody(),
    })
    expect(own.status).toBe(201)
    expect(own.body).toMatchObject({ customerId: people.customer.userId, status: 'pending' })
    expect(own.body.trackingNumber).toMatch(/^DM[0-9A-Z]{12}$/)
    expect(own.headers.get('location')).toBe(`/api/shipments/${own.body.id}`)
    const forOther = await api.request('POST', '/api/shipments', {
      token: people.customer.token,
      body: newShipmentBody({ customerId: people.otherCustomer.userId }),
    })
    expect(forOther.status).toBe(403)
  })

  it('refuses a customerId that is not a customer', async () => {
    const { api, people } = stack
    const reply = await api.request('POST', '/api/shipments', {
      token: people.dispatcher.token,
      body: newShipmentBody({ customerId: people.driver.userId }),
    })
    expect(reply.status).toBe(422)
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ field: 'body.customerId' }))
  })

  it('refuses a reference another shipment has', async () => {
    const { api, people } = stack
    const body = newShipmentBody({ reference: 'ORDER-77' })
    expect(
      (await api.request('POST', '/api/shipments', { token: people.dispatcher.token, body }))
        .status,
    ).toBe(201)
    const again = await api.request('POST', '/api/shipments', {
      token: people.dispatcher.token,
      body,
    })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'reference_taken' })
  })
})
