import { loadMigrations, migrate, openDatabase } from '@dropmate/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUNCTION_MAIN, run, start, stop, type Started } from './process'

let dataDir: string
let tracking: Started

beforeAll(async () => {
  // Functions never migrate (a cold start has no time for it): the database is made ready
  // first, as a deployment's migration job would.
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-function-'))
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  await migrate(db.sql, await loadMigrations())
  await db.close()
  tracking = await start({ DATA_DIR: dataDir, FUNCTION: 'track-shipment' }, FUNCTION_MAIN)
})

afterAll(async () => {
  await stop(tracking)
  await rm(dataDir, { recursive: true, force: true })
})

describe('one function served alone, as Knative runs it', () => {
  it('serves its own route, health and readiness', async () => {
    expect((await fetch(`${tracking.url}/health`)).status).toBe(200)
    expect((await fetch(`${tracking.url}/ready`)).status).toBe(200)
    const reply = await fetch(`${tracking.url}/api/shipments/track/DM000000000000`)
    expect(reply.status).toBe(404)
    expect(await reply.json()).toMatchObject({ code: 'tracking_number_not_found' })
  })

  it('counts its requests and their latency in /metrics, under its own name', async () => {
    await fetch(`${tracking.url}/api/shipments/track/DM000000000000`)
    const reply = await fetch(`${tracking.url}/metrics`)
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await reply.text()
    const route = 'route="/api/shipments/track/:trackingNumber"'
    expect(text).toMatch(
      new RegExp(
        `dropmate_http_requests_total\\{function="track-shipment",method="GET",${route},status="404"\\} [1-9]`,
      ),
    )
    expect(text).toContain(
      `dropmate_http_request_duration_seconds_count{function="track-shipment",method="GET",${route}}`,
    )
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })

  it('serves nothing else', async () => {
    const reply = await fetch(`${tracking.url}/api/shipments`)
    expect(reply.status).toBe(404)
    expect(await reply.json()).toMatchObject({ code: 'route_not_found' })
  })

  it('documents only its own routes', async () => {
    const document = (await (await fetch(`${tracking.url}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(document.paths)).toEqual(['/api/shipments/track/{trackingNumber}'])
  })

  it('refuses to start without a known function name, listing the names', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'dropmate-function-'))
    const { code, stderr } = await run({ DATA_DIR: otherDir, FUNCTION: 'nope' }, FUNCTION_MAIN)
      .exited
    await rm(otherDir, { recursive: true, force: true })
    expect(code).toBe(1)
    expect(stderr).toMatch(/FUNCTION must name a function \(got "nope"\); one of: login, /)
  })
})
