import { createShell } from '@dropmate/kit'
import { loadConfig } from '@dropmate/core'
import { Hono } from 'hono'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webApp } from '../src/web-app'

let dist: string
const INDEX =
  '<!doctype html><title>DropMate</title><script type="module" src="/assets/index-abc123.js"></script>'
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))})`

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'dropmate-web-'))
  await mkdir(join(dist, 'assets'))
  await writeFile(join(dist, 'index.html'), INDEX)
  await writeFile(join(dist, 'assets', 'index-abc123.js'), SCRIPT)
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
})

afterAll(() => rm(dist, { recursive: true, force: true }))

/** The web app in the shell, in front of a stand-in API route, as the one-process server mounts it. */
function server(env: Record<string, string> = {}, config = loadConfig({})) {
  const api = new Hono().get('/api/ping', (c) => c.json({ pong: true }))
  return createShell(
    { config },
    { web: webApp({ config, env: { WEB_DIST_DIR: dist, ...env } }), api },
  )
}

describe('the web app on the one-process server', () => {
  it('serves index.html for every client route, revalidated each time', async () => {
    for (const path of ['/', '/login', '/track/DM12345', '/driver', '/shipments/x']) {
      const response = await server().request(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toBe(INDEX)
    }
  })

  it('leaves the API, sockets, health and the broker to their own routes', async () => {
    const app = server()
    expect(await (await app.request('/api/ping')).json()).toEqual({ pong: true })
    for (const path of ['/api/nothing', '/assets/missing-1.js']) {
      const response = await app.request(path)
      expect(response.status, path).toBe(404)
      expect(response.headers.get('content-type')).toBe('application/problem+json')
    }
    for (const path of ['/socket.io/', '/ready', '/realtime/events', '/broker/stats']) {
      expect((await app.request(path)).headers.get('content-type'), path).not.toContain('html')
    }
  })

  it('caches hashed assets for a year and answers a known ETag with 304', async () => {
    const app = server()
    const first = await app.request('/assets/index-abc123.js')
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    const again = await app.request('/assets/index-abc123.js', {
      headers: { 'if-none-match': first.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
    expect((await app.request('/favicon.svg')).headers.get('cache-control')).toBe(
      'public, max-age=3600',
    )
  })

  it('sends gzip to clients that take it', async () => {
    const response = await server().request('/assets/index-abc123.js', {
      headers: { 'accept-encoding': 'gzip, br' },
    })
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('vary')).toBe('accept-encoding')
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString()).toBe(SCRIPT)
  })

  it('sets a CSP on pages that allows this origin, its sockets and the tile server only', async () => {
    const response = await server({
      MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
    }).request('http://shop.local:8080/track/DM1')
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("img-src 'self' data: https://*.tiles.example.org")
    expect(csp).toContain("connect-src 'self' ws://shop.local:8080 wss://shop.local:8080")
    expect(csp).toContain("object-src 'none'")
  })

  it('tells the app its auth mode, tiles and map centre at /config.json', async () => {
    const local = await (
      await server({ MAP_CENTER: '41.15,-8.61,12' }).request('/config.json')
    ).json()
    expect(local).toMatchObject({
      authMode: 'local',
      tiles: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', maxZoom: 19 },
      mapCenter: { lat: 41.15, lng: -8.61, zoom: 12 },
      firebase: null,
      timeZone: 'UTC',
      pushKey: null,
    })
    const pushKey = `B${'x'.repeat(86)}`
    const pushing = server({}, loadConfig({ VAPID_PUBLIC_KEY: pushKey }))
    expect(await (await pushing.request('/config.json')).json()).toMatchObject({ pushKey })
    const lisbon = server({}, loadConfig({ SHOP_TIME_ZONE: 'Europe/Lisbon' }))
    expect(await (await lisbon.request('/config.json')).json()).toMatchObject({
      timeZone: 'Europe/Lisbon',
    })
    const firebase = loadConfig({ AUTH_MODE: 'firebase', FIREBASE_PROJECT_ID: 'demo-dropmate' })
    const app = server(
      { FIREBASE_API_KEY: 'web-key', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099' },
      firebase,
    )
    expect(await (await app.request('/config.json')).json()).toMatchObject({
      authMode: 'firebase',
      firebase: {
        apiKey: 'web-key',
        identityUrl: 'http://127.0.0.1:9099/identitytoolkit.googleapis.com',
      },
    })
    const csp = (await app.request('/')).headers.get('content-security-policy')!
    expect(csp).toContain('http://127.0.0.1:9099')
  })

  it('refuses a tile URL without {z}/{x}/{y}, naming the variable', () => {
    expect(() => server({ MAP_TILE_URL: 'https://tiles.example.org/map.png' })).toThrow(
      /MAP_TILE_URL/,
    )
    expect(() => server({ MAP_CENTER: 'lisbon' })).toThrow(/MAP_CENTER/)
  })

  it('says the app is not built rather than serving nothing', async () => {
    const config = loadConfig({})
    const app = createShell(
      { config },
      {
        web: webApp({ config, env: { WEB_DIST_DIR: join(dist, 'missing') } }),
      },
    )
    const response = await app.request('/')
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('not built')
  })
})
