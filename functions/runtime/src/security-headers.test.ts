import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECURITY_HEADERS, type SecuredResponse } from './security-headers'
import { serve, type RunningServer } from './serve'

const app = new Hono()
  .get('/plain', (c) => c.json({ ok: true }))
  .get('/framed', (c) => c.text('embed me', 200, { 'X-Frame-Options': 'DENY' }))
  .get('/missing', (c) => c.notFound())
  .get('/also/:own', (c) => {
    const outgoing = (c.env as { outgoing: SecuredResponse }).outgoing
    outgoing.sendAlso('x-request-id', 'from-the-server')
    if (c.req.param('own') === 'yes') c.header('x-request-id', 'from-the-app')
    return c.text('ok')
  })

let running: RunningServer
let origin: string

beforeAll(async () => {
  running = await serve({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    shutdownTimeoutMs: 500,
  })
  origin = `http://127.0.0.1:${running.port}`
})

afterAll(() => running.shutdown())

describe('every answer served', () => {
  it.each(['/plain', '/missing'])('carries the security headers (%s)', async (path) => {
    const response = await fetch(origin + path)
    await response.body?.cancel()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value)
    }
  })

  it("keeps an app's own value of one, sent once", async () => {
    const response = await fetch(`${origin}/framed`)
    expect(await response.text()).toBe('embed me')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('adds what it was asked to send too, unless the app answered with its own', async () => {
    for (const [own, expected] of [
      ['no', 'from-the-server'],
      ['yes', 'from-the-app'],
    ]) {
      const response = await fetch(`${origin}/also/${own}`)
      await response.body?.cancel()
      expect(response.headers.get('x-request-id')).toBe(expected)
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    }
  })
})
