import { login } from '@dropmate/auth'
import { createDriver, updateDriver } from '@dropmate/drivers'
import { startTestApi, type TestApi } from '@dropmate/kit/testing'
import { ingestLocations, nearbyDrivers } from '@dropmate/locations'
import { reportPosition } from '@dropmate/locations/testing'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// What drivers do that other functions see: sign in with the password they were given, and
// leave the map when they go off duty.
let api: TestApi

beforeAll(async () => {
  api = await startTestApi((deps) => [
    login.app(deps),
    createDriver.app(deps),
    updateDriver.app(deps),
    ingestLocations.app(deps),
    nearbyDrivers.app(deps),
  ])
})

afterAll(() => api.close())

describe('POST /api/drivers', () => {
  it('gives the new driver a password they can sign in with', async () => {
    const body = {
      email: `driver-${randomBytes(4).toString('hex')}@example.com`,
      name: 'New Driver',
      password: 'a long enough password',
      vehicleType: 'cargo_bike',
    }
    const { token } = await api.signIn('admin')
    const created = (await api.request('POST', '/api/drivers', { token, body })).body
    const signedIn = await api.request('POST', '/api/auth/login', {
      body: { email: body.email, password: body.password },
    })
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.account).toEqual({
      id: created.userId,
      email: body.email,
      name: body.name,
      role: 'driver',
      driverId: created.id,
    })
  })
})

describe('PATCH /api/drivers/{id}', () => {
  const patch = (id: string, token: string, body: unknown) =>
    api.request('PATCH', `/api/drivers/${id}`, { token, body })

  it('takes a driver going off duty off the map at once', async () => {
    const me = await api.signIn('driver')
    const { token } = me
    const driverId = me.driverId!
    const dispatcher = await api.signIn('dispatcher')
    const rossio = { lat: 38.7139, lng: -9.1394 }
    await patch(driverId, token, { dutyStatus: 'available' })
    await reportPosition(api, me, rossio)
    const nearbyIds = async () =>
      (
        await api.request('GET', `/api/drivers/nearby?lat=${rossio.lat}&lng=${rossio.lng}`, {
          token: dispatcher.token,
        })
      ).body.items.map((item: { driverId: string }) => item.driverId)
    expect(await nearbyIds()).toContain(driverId)

    await patch(driverId, token, { dutyStatus: 'offline' })
    await patch(driverId, token, { dutyStatus: 'available' })

    expect(await nearbyIds()).not.toContain(driverId)
  })
})
