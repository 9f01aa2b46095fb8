import { WEB_APP_PATHS } from '@dropmate/contracts/web-app-paths'
import {
  createMigratedTestDatabase,
  deleteRedisKeys,
  type TestDatabase,
} from '@dropmate/db/testing'
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REALTIME_MAIN, start, stop, type Started } from './process'

/**
 * In a cluster the realtime gateway's Deployment serves the web app (knative/README.md): the
 * Gateway sends it the app's paths. Here `npm run realtime` as its image runs it, on
 * PostgreSQL and Redis, with a built app of this file's own.
 */
const INDEX = '<!doctype html><title>DropMate</title><script src="/assets/index-k3y.js"></script>'
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))})`

let db: TestDatabase
let dist: string
let gateway: Started
const prefix = `test:${randomUUID()}:`

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)(
  'the web app on the realtime gateway (the cluster shape)',
  () => {
    beforeAll(async () => {
      db = await createMigratedTestDatabase()
      dist = await mkdtemp(join(tmpdir(), 'dropmate-realtime-web-'))
      await mkdir(join(dist, 'assets'))
      await writeFile(join(dist, 'index.html'), INDEX)
      await writeFile(join(dist, 'assets', 'index-k3y.js'), SCRIPT)
      await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
      gateway = await start(
        {
          DATABASE_URL: db.url,
          REDIS_URL: process.env.REDIS_URL,
          REDIS_KEY_PREFIX: prefix,
          DATA_DIR: dist,
          WEB_DIST_DIR: dist,
          MAP_CENTER: '41.1496,-8.611,14',
        },
        REALTIME_MAIN,
      )
    })

    afterAll(async () => {
      if (gateway) await stop(gateway)
      await db?.drop()
      if (process.env.REDIS_URL) await deleteRedisKeys(process.env.REDIS_URL, prefix)
      await rm(dist, { recursive: true, force: true })
    })

    it('answers every page path with the app, under the strict CSP', async () => {
      const pages = [
        '/',
        ...WEB_APP_PATHS.prefixes
          .filter((prefix) => prefix !== '/assets')
          .flatMap((prefix) => [prefix, `${prefix}/DM-7Q4K2`]),
      ]
      for (const page of pages) {
        const response = await fetch(gateway.url + page)
        expect(response.status, page).toBe(200)
        expect(await response.text(), page).toBe(INDEX)
        expect(response.headers.get('content-security-policy'), page).toContain("script-src 'self'")
      }
    })

    it('serves hashed assets for a year, and /config.json from its settings', async () => {
      const asset = await fetch(`${gateway.url}/assets/index-k3y.js`)
      expect(await asset.text()).toBe(SCRIPT)
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const config = (await (await fetch(`${gateway.url}/config.json`)).json()) as {
        mapCenter: unknown
      }
      expect(config.mapCenter).toEqual({ lat: 41.1496, lng: -8.611, zoom: 14 })
    })

    it('keeps Socket.io and health its own, and has no API of its own to answer', async () => {
      const polling = await fetch(`${gateway.url}/socket.io/?EIO=4&transport=polling`)
      expect(polling.headers.get('content-type')).not.toContain('html')
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200)
      const api = await fetch(`${gateway.url}/api/shipments`)
      expect(api.status).toBe(404)
      expect(api.headers.get('content-type')).toBe('application/problem+json')
    })
  },
)
