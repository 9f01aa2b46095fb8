import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { healthRoutes } from './health'

const passing = async () => {}
const failing = async () => {
  throw new Error('connection refused')
}

describe('healthRoutes', () => {
  it('answers liveness without consulting any dependency', async () => {
    const app = healthRoutes({ checks: { database: failing } })
    const response = await app.request('/health')
    expect(response.status).toBe(200)
  })

  it('is ready when every check passes', async () => {
    const app = healthRoutes({ checks: { database: passing, migrations: passing } })
    const response = await app.request('/ready')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    })
  })

  it('says which dependency is not ready, as a problem', async () => {
    const app = healthRoutes({ checks: { database: failing, migrations: passing } })
    const response = await app.request('/ready')
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({
      code: 'not_ready',
      checks: { database: 'connection refused', migrations: 'ok' },
    })
  })

  it('gives up on a check that hangs instead of hanging the probe', async () => {
    const hanging = () => new Promise<void>(() => {})
    const app = new Hono().route('/', healthRoutes({ checks: { database: hanging } }))
    const response = await app.request('/ready')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ checks: { database: /no answer in/ } })
  })

  it('turns unready as soon as shutdown begins', async () => {
    const app = healthRoutes({ checks: { database: passing }, isDraining: () => true })
    const response = await app.request('/ready')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ code: 'shutting_down' })
  })
})
