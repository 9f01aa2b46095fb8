import { createApiDeps, type ApiDeps } from '@dropmate/kit'
import { loadConfig } from '@dropmate/core'
import { loadMigrations, migrate, type Migration } from '@dropmate/db'
import { serve } from '@dropmate/runtime'
import { createTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from '../src/app'

let db: TestDatabase
let migrations: Migration[]
let api: ApiDeps

beforeAll(async () => {
  db = await createTestDatabase()
  migrations = await loadMigrations()
  api = await createApiDeps(loadConfig({ JWT_SECRET: 'x'.repeat(32) }), db.sql)
})

afterAll(async () => {
  await api.close()
  await db.drop()
})

describe('the one-process server', () => {
  it('is alive but not ready until the schema is migrated, then ready', async () => {
    const app = createServer({ api })
    expect((await app.request('/health')).status).toBe(200)

    const before = await app.request('/ready')
    expect(before.status).toBe(503)
    expect(await before.json()).toMatchObject({
      checks: { database: 'ok', migrations: `${migrations.length} pending, first 1` },
    })

    await migrate(db.sql, migrations)
    const after = await app.request('/ready')
    expect(after.status).toBe(200)
    expect(await after.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok' },
    })
  })

  it('sends security headers on every response', async () => {
    const running = await serve({
      fetch: createServer({ api }).fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 500,
    })
    try {
      for (const path of ['/health', '/api/nothing-here']) {
        const response = await fetch(`http://127.0.0.1:${running.port}${path}`)
        await response.body?.cancel()
        expect(response.headers.get('x-content-type-options')).toBe('nosniff')
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      }
    } finally {
      await running.shutdown()
    }
  })

  it('answers CORS from the allowlist, and says every API answer varies by Origin', async () => {
    const config = { ...api.config, CORS_ORIGINS: ['https://shop.example'] }
    const app = createServer({ api: { ...api, config } })
    const asked = (origin?: string) =>
      app.request('/api/shipments/track/DM-NOPE', origin ? { headers: { origin } } : {})

    const allowed = await asked('https://shop.example')
    expect(allowed.status).toBe(404)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    expect(allowed.headers.get('vary')).toBe('Origin')
    const foreign = await asked('https://elsewhere.example')
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    const direct = await asked()
    expect(direct.headers.get('access-control-allow-origin')).toBeNull()
    expect(direct.headers.get('vary')).toBe('Origin')

    const preflight = await app.request('/api/shipments', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,idempotency-key',
    )
  })

  it('answers unknown paths with a problem, not an HTML page', async () => {
    const response = await createServer({ api }).request('/api/nothing-here')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
  })
})

describe('a method a path does not serve', () => {
  it.each([
    ['POST', '/api/me', 'GET, HEAD'],
    // A fixed path is matched before a template that fits it too, as OpenAPI matches paths:
    // "nearby" is not the {id} of PATCH /api/drivers/{id}.
    ['PATCH', '/api/drivers/nearby', 'GET, HEAD'],
    ['PUT', '/api/shipments/00000000-0000-4000-8000-000000000000', 'DELETE, GET, HEAD, PATCH'],
  ])('%s %s is a 405 naming the methods it does serve', async (method, path, allow) => {
    const response = await createServer({ api }).request(path, { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(response.headers.get('content-type')).toBe('application/problem+json')
    expect(await response.json()).toMatchObject({ code: 'method_not_allowed' })
  })

  it('leaves the methods it serves to their routes', async () => {
    const response = await createServer({ api }).request('/api/drivers/nearby')
    expect(response.status).toBe(401)
  })
})

describe('the API document', () => {
  it('describes every route of every function, with the bearer scheme', async () => {
    const response = await createServer({ api }).request('/api/openapi.json')
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document to inspect
    const document: any = await response.json()
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/shipments',
        '/api/shipments/{id}',
        '/api/shipments/{id}/status',
        '/api/shipments/track/{trackingNumber}',
        '/api/drivers',
        '/api/drivers/{id}',
      ]),
    )
    expect(document.paths['/api/shipments'].post.security).toEqual([{ bearerAuth: [] }])
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ scheme: 'bearer' })
  })

  it('routes a tracking number that reads like a sub-resource to tracking, as the paths promise', async () => {
    await migrate(db.sql, migrations)
    // /api/shipments/{id}/events matches too, but "track" is no id: tracking is mounted first.
    const response = await createServer({ api }).request('/api/shipments/track/events')
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 'tracking_number_not_found' })
  })
})
