import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, send } from '../lib/api-client'
import { logIn } from '../lib/log-in'
import { DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startSeededServer, type SeededServer } from './server'

const PASSWORD = 'dropmate-demo'

let server: SeededServer

beforeAll(async () => {
  server = await startSeededServer('log-in')
})

afterAll(async () => {
  await server?.close()
})

describe('logIn, as the simulator, the bench and the chaos load sign in', () => {
  it('signs a demo driver in with the driver record that /api/me names', async () => {
    const email = emailOf(DRIVERS[0]!.name, STAFF_DOMAIN)
    const { accessToken, account } = await logIn(server.url, { email, password: PASSWORD })

    expect(account).toMatchObject({ email, role: 'driver', driverId: expect.any(String) })
    const me = await send(server.url, { method: 'GET', path: '/api/me' }, accessToken)
    expect(me.status).toBe(200)
    expect((me.body as { driverId: string }).driverId).toBe(account.driverId)
  })

  it('rejects a wrong password with an ApiError named by status and problem code', async () => {
    const email = emailOf(DRIVERS[0]!.name, STAFF_DOMAIN)
    const refused = await logIn(server.url, { email, password: 'not-the-password' }).catch(
      (error) => error,
    )

    expect(refused).toBeInstanceOf(ApiError)
    expect(refused.message).toBe(`log in as ${email} answered 401 invalid_credentials`)
  })
})
