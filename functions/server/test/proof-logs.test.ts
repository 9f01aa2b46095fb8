import { migratedDataDir } from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * What `npm start` logs of a proof of delivery (embedded, files in its own object store):
 * a request line per upload, status change and view, and nothing of the proof itself: not
 * the recipient's name, not a file's key, not a signed link, not even when a proof is refused.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const execute = promisify(execFile)
const PASSWORD = 'a long enough password'
const RECIPIENT = 'Rita Sousa'

let dataDir: string
let server: Started

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  // Each test reads the shape it expects of the answer.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

const logIn = async (email: string) =>
  (await call('POST', '/api/auth/login', null, { email, password: PASSWORD })).body
    .accessToken as string

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-proof-logs-')
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined, REDIS_URL: undefined }
  await execute(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', 'helena@estrela.example', '--name', 'Helena Marques'],
      ...['--role', 'admin', '--password', PASSWORD],
    ],
    { cwd: root, env },
  )
  server = await start({ DATA_DIR: dataDir })
}, 120_000)

afterAll(async () => {
  if (server) await stop(server)
  await rm(dataDir, { recursive: true, force: true })
})

describe('the log of a delivery with proof', () => {
  it('names requests and outcomes, never the recipient, the files or their links', async () => {
    const admin = await logIn('helena@estrela.example')
    const created = await call('POST', '/api/drivers', admin, {
      email: 'joao@estrela.example',
      name: 'João Silva',
      vehicleType: 'bicycle',
      password: PASSWORD,
    })
    expect(created.status).toBe(201)
    const driver = await logIn('joao@estrela.example')
    const driverId = created.body.id as string
    await call('PATCH', `/api/drivers/${driverId}`, driver, { dutyStatus: 'available' })
    const place = { address: 'Rua dos Remédios 4, Lisboa', lat: 38.7118, lng: -9.1306 }
    const shipment = (
      await call('POST', '/api/shipments', admin, {
        sender: { name: 'Padaria Estrela', ...place },
        receiver: { name: RECIPIENT, ...place },
      })
    ).body
    await call('POST', `/api/shipments/${shipment.id}/assign`, admin, { driverId })
    for (const status of ['picked_up', 'in_transit']) {
      await call('PATCH', `/api/shipments/${shipment.id}/status`, driver, { status })
    }

    const photo = new Uint8Array(2048).fill(9)
    const { uploads } = (
      await call('POST', `/api/shipments/${shipment.id}/proof-uploads`, driver, {
        files: [{ kind: 'photo', contentType: 'image/jpeg', size: photo.length }],
      })
    ).body
    const put = await fetch(server.url + uploads[0].url, {
      method: 'PUT',
      headers: uploads[0].headers,
      body: photo,
    })
    expect(put.status).toBe(200)
    const refused = await call('PATCH', `/api/shipments/${shipment.id}/status`, driver, {
      status: 'delivered',
      proof: { signatureKey: uploads[0].key, recipientName: RECIPIENT },
    })
    expect(refused.status).toBe(422)
    const delivered = await call('PATCH', `/api/shipments/${shipment.id}/status`, driver, {
      status: 'delivered',
      proof: { photoKeys: [uploads[0].key], recipientName: RECIPIENT },
    })
    expect(delivered.status).toBe(200)
    const { proofs } = (await call('GET', `/api/shipments/${shipment.id}/proof`, admin)).body
    expect((await fetch(server.url + proofs[0].photoUrls[0])).status).toBe(200)
    const tracked = await call('GET', `/api/shipments/track/${shipment.trackingNumber}/proof`, null)
    expect(tracked.body.proofs).toHaveLength(1)

    // Every request above has its line: the proof's requests among them, by route.
    const routes = server.logs.map((line) => line.route)
    expect(routes).toContain('/api/shipments/:id/proof-uploads')
    expect(routes).toContain('/object-storage/:bucket/*')
    expect(routes).not.toContain('unmatched')
    const log = server.logs.map((line) => JSON.stringify(line)).join('\n')
    for (const secret of [RECIPIENT, 'Sousa', uploads[0].key, 'X-Amz-', 'proofs/']) {
      expect(log).not.toContain(secret)
    }
  }, 120_000)
})
