import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { driverPositions, ingestLocations } from '../src'
import { reportPosition } from '../src/testing'

let api: TestApi
let busy: SignedIn
let available: SignedIn
let offDuty: SignedIn

beforeAll(async () => {
  api = await startTestApi((deps) => [driverPositions.app(deps), ingestLocations.app(deps)])
  busy = await api.signIn('driver', { name: 'João Silva' })
  available = await api.signIn('driver', { name: 'Ana Rodrigues' })
  offDuty = await api.signIn('driver', { name: 'Rui Costa' })
  await api.db.sql`update drivers set duty_status = 'available'`
  await reportPosition(api, busy, { lat: 38.7139, lng: -9.1394 })
  await reportPosition(api, available, { lat: 38.7223, lng: -9.1393 })
  await reportPosition(api, offDuty, { lat: 38.7, lng: -9.15 })
  await api.db.sql`update drivers set duty_status = 'busy' where id = ${busy.driverId!}`
  await api.db.sql`update drivers set duty_status = 'offline' where id = ${offDuty.driverId!}`
})

afterAll(() => api?.close())

describe('GET /api/drivers/positions', () => {
  it('gives staff every driver on duty where they are now, busy ones included', async () => {
    const { token } = await api.signIn('dispatcher')
    const reply = await api.request('GET', '/api/drivers/positions', { token })

    expect(reply.status).toBe(200)
    const byDriver = new Map(
      (reply.body.items as Array<{ driverId: string }>).map((item) => [item.driverId, item]),
    )
    expect(byDriver.get(busy.driverId!)).toMatchObject({ lat: 38.7139, lng: -9.1394 })
    expect(byDriver.get(available.driverId!)).toMatchObject({
      lat: 38.7223,
      lng: -9.1393,
      recordedAt: expect.stringMatching(/Z$/),
    })
    expect(byDriver.has(offDuty.driverId!)).toBe(false)
  })

  it.each(['driver', 'customer'] as const)('refuses a %s', async (role) => {
    const { token } = await api.signIn(role)
    const reply = await api.request('GET', '/api/drivers/positions', { token })
    expect(reply.status).toBe(403)
    expect(reply.body).toMatchObject({ code: 'forbidden_role' })
  })
})
