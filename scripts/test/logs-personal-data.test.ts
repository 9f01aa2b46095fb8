import { requestAt } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  CUSTOMERS,
  DISPATCHERS,
  DRIVERS,
  emailOf,
  SHOP,
  STAFF_DOMAIN,
} from '../seed/demo-data'
import { startSeededServer, type SeededServer } from './server'

const PASSWORD = 'dropmate-demo'
const WRONG_PASSWORD = 'not-the-password-4711'

// A rule a shop could well add to its own database: it only delivers to Portuguese numbers.
// The API does not know it, so a receiver abroad meets it as a PostgreSQL check violation,
// whose "Failing row contains (…)" detail holds every column of the shipment.
const PORTUGUESE_RECEIVERS = `
  alter table shipments
  add constraint shipments_receiver_phone_pt_check
  check (receiver_phone like '+351%')
`

let server: SeededServer
/** Every string that must never reach a log, gathered as the run meets them. */
const secrets = new Set<string>([PASSWORD, WRONG_PASSWORD])

beforeAll(async () => {
  // No SENDGRID_API_KEY, as a fresh install runs: emails are not sent, only told of in the log.
  server = await startSeededServer('logs', {
    sql: PORTUGUESE_RECEIVERS,
    env: { SENDGRID_API_KEY: undefined },
  })
}, 120_000)

afterAll(async () => {
  await server?.close()
})

function call(method: string, path: string, body?: unknown, token?: string) {
  return requestAt(server.url)(method, path, { token, body })
}

async function logIn(email: string) {
  const { status, body } = await call('POST', '/api/auth/login', { email, password: PASSWORD })
  expect(status).toBe(200)
  for (const key of ['accessToken', 'refreshToken']) {
    if (typeof body[key] === 'string') secrets.add(body[key])
  }
  return { token: body.accessToken as string, account: body.account as { driverId: string } }
}

interface Party {
  name: string
  phone: string | null
  email: string | null
  address: string
}

function keepParty(party: Party) {
  for (const value of [party.name, party.phone, party.email, party.address]) {
    if (value) secrets.add(value)
  }
}

function party(run: string, who: string, phone: string): Party & { lat: number; lng: number } {
  return {
    name: `${who} Quaresma ${run}`,
    phone,
    email: `${who.toLowerCase()}.${run}@logs.example`,
    address: `Travessa do Teste ${run}, ${who}, Lisboa`,
    lat: 38.71,
    lng: -9.14,
  }
}

async function createShipment(token: string, run: string, receiverPhone: string) {
  const body = {
    sender: party(run, 'Sender', `+351 918 ${run.slice(0, 3)} 111`),
    receiver: party(run, 'Receiver', receiverPhone),
  }
  keepParty(body.sender)
  keepParty(body.receiver)
  return call('POST', '/api/shipments', body, token)
}

/** Waits for a log line with all of `fields`, as the broker delivers in the background. */
async function logged(fields: Record<string, unknown>) {
  await expect
    .poll(() => server.output.some((line) => matches(line, fields)), { timeout: 60_000 })
    .toBe(true)
}

function matches(line: string, fields: Record<string, unknown>) {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>
    return Object.entries(fields).every(([key, value]) => entry[key] === value)
  } catch {
    return false
  }
}

/** The lines of every process of the run, each with the secrets it holds. */
function leaks() {
  const lines = [...server.seeded.stderr.split('\n'), ...server.output]
  return lines.flatMap((line) => {
    const found = [...secrets].filter((secret) => line.includes(secret))
    return found.length ? [{ line, found }] : []
  })
}

describe('the logs of a seeded server', () => {
  it('hold no name, email, phone, address, tracking number, password or token', async () => {
    for (const person of [ADMIN, ...DISPATCHERS, ...DRIVERS]) {
      secrets.add(person.name).add(person.phone).add(emailOf(person.name, STAFF_DOMAIN))
    }
    for (const customer of [SHOP, ...CUSTOMERS]) keepParty(customer)

    const dispatcher = await logIn(emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN))
    const driver = await logIn(emailOf(DRIVERS[0]!.name, STAFF_DOMAIN))

    // Failed sign-ins: a known account with a wrong password, and an unknown one.
    for (const email of [CUSTOMERS[0]!.email!, `nobody.${Date.now()}@logs.example`]) {
      secrets.add(email)
      const { status } = await call('POST', '/api/auth/login', { email, password: WRONG_PASSWORD })
      expect(status).toBe(401)
    }

    // Every seeded shipment's parties and tracking numbers.
    let cursor: string | null = null
    do {
      const query: string = cursor ? `&cursor=${cursor}` : ''
      const page = await call(
        'GET',
        `/api/shipments?limit=100${query}`,
        undefined,
        dispatcher.token,
      )
      expect(page.status).toBe(200)
      const items = page.body.items as Array<{
        trackingNumber: string
        sender: Party
        receiver: Party
      }>
      for (const item of items) {
        secrets.add(item.trackingNumber)
        keepParty(item.sender)
        keepParty(item.receiver)
      }
      cursor = page.body.nextCursor as string | null
    } while (cursor)

    const run = String(Date.now()).slice(-6)
    const created = await createShipment(dispatcher.token, run, `+351 917 ${run.slice(0, 3)} 222`)
    expect(created.status).toBe(201)
    const shipment = created.body as { id: string; trackingNumber: string }
    secrets.add(shipment.trackingNumber)

    // A receiver abroad breaks the shop's own rule: a real constraint violation, a 500.
    const abroad = await createShipment(dispatcher.token, `${run}x`, '+44 20 7946 0958')
    expect(abroad.status).toBe(500)
    await logged({ msg: 'request failed' })

    const assigned = await call(
      'POST',
      `/api/shipments/${shipment.id}/assign`,
      { driverId: driver.account.driverId },
      dispatcher.token,
    )
    expect(assigned.status).toBe(200)
    for (const status of ['picked_up', 'in_transit', 'delivered']) {
      const moved = await call(
        'PATCH',
        `/api/shipments/${shipment.id}/status`,
        { status },
        driver.token,
      )
      expect(moved.status).toBe(200)
    }

    const tracking = `/api/shipments/track/${shipment.trackingNumber}`
    expect((await call('GET', tracking)).status).toBe(200)
    expect((await call('GET', tracking.toLowerCase())).status).toBe(200)
    expect((await call('GET', '/api/shipments/track/DM0000000000ZZ')).status).toBe(404)
    expect((await call('GET', `${tracking}/unsubscribe`)).status).toBe(200)

    // The delivered email goes through the broker; without SendGrid a developer still sees
    // which email would have gone, to whom roughly, about what.
    await logged({
      msg: 'SENDGRID_API_KEY unset: email not sent',
      eventType: 'com.dropmate.shipment.status_changed.v1',
      template: 'delivered',
      shipment: shipment.id,
      to: `r***@logs.example`,
    })
    expect((await call('POST', `${tracking}/unsubscribe`)).status).toBe(200)

    expect(leaks()).toEqual([])
  }, 180_000)
})
