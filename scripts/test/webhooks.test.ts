import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { startReceiver, status, verifyIndependently } from '@dropmate/webhooks/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../lib/api-client'
import { logIn } from '../lib/log-in'
import { ADMIN, DISPATCHERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startSeededServer, type SeededServer } from './server'

const PASSWORD = 'dropmate-demo'

let server: SeededServer
let erp: Awaited<ReturnType<typeof startReceiver>>

beforeAll(async () => {
  erp = await startReceiver(status(204))
  // The integrator's receiver is on this machine, over http: allowed by setting.
  server = await startSeededServer('webhooks', {
    env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_ALLOW_HTTP: 'true' },
  })
}, 120_000)

afterAll(async () => {
  await server?.close()
  await erp?.close()
})

const tokenOf = async (name: string) =>
  (await logIn(server.url, { email: emailOf(name, STAFF_DOMAIN), password: PASSWORD })).accessToken

describe('webhooks in the one-process server (npm start)', () => {
  it('sends a new shipment, signed, to the endpoint an admin registered; the secret is shown once', async () => {
    const admin = await tokenOf(ADMIN.name)
    const created = await send(
      server.url,
      {
        method: 'POST',
        path: '/api/webhooks',
        json: { url: erp.url, eventTypes: [EVENT_TYPES.shipmentCreated], description: 'ERP' },
      },
      admin,
    )
    expect(created.status, created.text).toBe(201)
    const { id, secret } = created.body as { id: string; secret: string }

    const dispatcher = await tokenOf(DISPATCHERS[0]!.name)
    const shipment = await send(
      server.url,
      {
        method: 'POST',
        path: '/api/shipments',
        json: {
          sender: {
            name: 'Padaria Estrela',
            address: 'Rua da Estrela 12',
            lat: 38.7135,
            lng: -9.1605,
          },
          receiver: {
            name: 'Rita Sousa',
            address: 'Rua dos Remédios 4',
            lat: 38.7118,
            lng: -9.1306,
          },
          package: { weightKg: 1.5 },
        },
      },
      dispatcher,
    )
    expect(shipment.status, shipment.text).toBe(201)

    await expect.poll(() => erp.received.length, { timeout: 30_000 }).toBe(1)
    const [message] = erp.received
    expect(await verifyIndependently(secret, message!)).toMatch(/standardwebhooks|hmac/)
    expect(JSON.parse(message!.body)).toMatchObject({
      type: EVENT_TYPES.shipmentCreated,
      data: { shipmentId: (shipment.body as { id: string }).id },
    })

    const listed = await send(server.url, { method: 'GET', path: '/api/webhooks' }, admin)
    expect(listed.status).toBe(200)
    expect(listed.text).toContain(id)
    const log = await send(
      server.url,
      { method: 'GET', path: `/api/webhooks/${id}/deliveries` },
      admin,
    )
    expect(log.body).toMatchObject({ items: [{ status: 'succeeded' }] })
    for (const text of [listed.text, log.text, server.output.join('\n')]) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(secret.slice('whsec_'.length))
    }
  }, 60_000)
})
