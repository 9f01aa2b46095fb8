import { migratedDataDir } from '@dropmate/db/testing'
import { loadMigrations, migrate, openDatabase } from '@dropmate/db'
import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUNCTION_MAIN, start, stop, type Started } from './process'

/**
 * What an operator who turned per-request metrics and tracing off gets: the work is not
 * done, so there is nothing of it to see. The request line stays LOG_LEVEL's to keep.
 */
const LOOKUP = '/api/shipments/track/DM000000000000'

let dataDir: string
let tracking: Started

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-observability-off-')
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  await migrate(db.sql, await loadMigrations())
  await db.close()
  tracking = await start(
    {
      DATA_DIR: dataDir,
      FUNCTION: 'track-shipment',
      REQUEST_METRICS: 'false',
      REQUEST_TRACING: 'false',
    },
    FUNCTION_MAIN,
  )
}, 120_000)

afterAll(async () => {
  if (tracking) await stop(tracking)
  await rm(dataDir, { recursive: true, force: true })
})

describe('a function with REQUEST_METRICS and REQUEST_TRACING off', () => {
  it('answers without request or trace ids, even when the caller sends them', async () => {
    const reply = await fetch(`${tracking.url}${LOOKUP}`, {
      headers: {
        'x-request-id': 'checkout-42',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    })
    expect(reply.status).toBe(404)
    expect(reply.headers.get('x-request-id')).toBeNull()
    expect(reply.headers.get('traceresponse')).toBeNull()
  })

  it('still writes the request line LOG_LEVEL asks for, with no ids in it', async () => {
    await fetch(`${tracking.url}${LOOKUP}`)
    const lookup = () =>
      tracking.logs.find(
        (log) => log.msg === 'request' && log.route === '/api/shipments/track/:trackingNumber',
      )
    await expect.poll(lookup).toBeDefined()
    expect(lookup()).toMatchObject({ method: 'GET', status: 404 })
    expect(lookup()).not.toHaveProperty('reqId')
    expect(lookup()).not.toHaveProperty('traceId')
  })

  it('counts no request in /metrics, and serves the process series as before', async () => {
    await fetch(`${tracking.url}${LOOKUP}`)
    const text = await (await fetch(`${tracking.url}/metrics`)).text()
    expect(text).not.toMatch(/^dropmate_http_requests_total\{/m)
    expect(text).not.toMatch(/^dropmate_http_request_duration_seconds_count\{/m)
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })
})
