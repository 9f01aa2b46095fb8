import { distanceMeters } from '@dropmate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DISPATCHERS, emailOf, SHOP, STAFF_DOMAIN } from '../seed/demo-data'
import {
  GPS_DRIFT_MAX_MPS,
  inBox,
  maxSpeedMps,
  startSimulation,
  type SentPing,
  type Simulation,
  type Summary,
} from '../simulate-drivers'
import { Session } from '../simulate-drivers/session'
import { DEMO_ADMIN_EMAIL, driverLogins, signInDrivers } from '../simulate-drivers/sign-in-drivers'
import { startSeededServer, type SeededServer } from './server'

const PASSWORD = 'dropmate-demo'
const DEAD_ZONE_MS = 1_500
const INTERVAL_MS = 200
const RUN_LIMIT_MS = 15_000

interface Seen {
  summary: Summary
  pings: SentPing[]
  nearby: Map<string, { lat: number; lng: number } | undefined>
  statuses: { toLapa: string; nextDoor: string }
  dutyAfterStop: Map<string, string>
}

let server: SeededServer
let dispatcher: Session
let sim: Simulation
let seen: Seen

beforeAll(async () => {
  server = await startSeededServer('simulate')
  dispatcher = await Session.open(server.url, {
    email: emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN),
    password: PASSWORD,
  })
})

afterAll(async () => {
  await sim?.stop()
  await server?.close()
})

const ok = async (reply: Promise<{ status: number; body: unknown }>, status = 200) => {
  const { status: actual, body } = await reply
  expect(actual, JSON.stringify(body)).toBe(status)
  return body as Record<string, unknown>
}

const LAPA = {
  name: 'Sim Test',
  address: 'Rua do Prior 20, Lapa, Lisboa',
  lat: 38.709,
  lng: -9.162,
}
const NEXT_DOOR = {
  ...LAPA,
  address: 'Rua da Estrela 14, Estrela, Lisboa',
  lat: 38.7136,
  lng: -9.1604,
}

/** A new shipment from the shop to `receiver`, assigned to `driverId`. */
async function assignedShipment(driverId: string, receiver: typeof LAPA): Promise<string> {
  const json = { sender: SHOP, receiver }
  const created = await ok(dispatcher.call({ method: 'POST', path: '/api/shipments', json }), 201)
  const path = `/api/shipments/${created.id}/assign`
  await ok(dispatcher.call({ method: 'POST', path, json: { driverId } }))
  return created.id as string
}

const statusOf = async (id: string) =>
  (await ok(dispatcher.call({ method: 'GET', path: `/api/shipments/${id}` }))).status as string

async function eventually(done: () => Promise<boolean>, limitMs: number) {
  const deadline = Date.now() + limitMs
  while (Date.now() < deadline && !(await done())) await new Promise((r) => setTimeout(r, 250))
}

describe('a simulation of three drivers starting at the shop, one losing signal', () => {
  beforeAll(async () => {
    // The first and third drivers get work; the second loses signal instead.
    const [first, , third] = await Promise.all(
      driverLogins(3).map(({ email }) => Session.open(server.url, { email, password: PASSWORD })),
    )
    const toLapa = await assignedShipment(first!.account.driverId!, LAPA)
    const nextDoor = await assignedShipment(third!.account.driverId!, NEXT_DOOR)
    const pings: SentPing[] = []
    sim = await startSimulation({
      url: server.url,
      drivers: 3,
      intervalMs: INTERVAL_MS,
      deliver: true,
      // Only the forced one: a random dead zone could outlast the run.
      deadZones: false,
      seed: 42,
      start: { near: SHOP, spreadM: 0 },
      dwellMs: [200, 500],
      reportEveryMs: 0,
      log: () => {},
      onPing: (ping) => pings.push(ping),
    })
    sim.drivers[1]!.loseSignal(DEAD_ZONE_MS)

    const statuses = { toLapa: '', nextDoor: '' }
    await eventually(async () => {
      statuses.toLapa = await statusOf(toLapa)
      statuses.nextDoor = await statusOf(nextDoor)
      const done = [
        ['in_transit', 'delivered'].includes(statuses.toLapa),
        ['delivered', 'failed'].includes(statuses.nextDoor),
        pings.some((ping) => ping.mode === 'batch'),
        sim.drivers.every((d) => pings.filter((p) => p.driverId === d.id).length >= 10),
      ]
      return done.every(Boolean)
    }, RUN_LIMIT_MS)

    const nearby = new Map<string, { lat: number; lng: number } | undefined>()
    for (const driver of sim.drivers) {
      const { lat, lng } = driver.lastSent!.fix
      const path = `/api/drivers/nearby?lat=${lat}&lng=${lng}&radius=500&limit=50`
      const { items } = (await ok(dispatcher.call({ method: 'GET', path }))) as {
        items: Array<{ driverId: string; lat: number; lng: number }>
      }
      nearby.set(
        driver.id,
        items.find((item) => item.driverId === driver.id),
      )
    }

    const summary = await sim.stop()
    const { items } = (await ok(dispatcher.call({ method: 'GET', path: '/api/drivers' }))) as {
      items: Array<{ id: string; dutyStatus: string }>
    }
    const dutyAfterStop = new Map(items.map((driver) => [driver.id, driver.dutyStatus]))
    seen = { summary, pings, nearby, statuses, dutyAfterStop }
  })

  const pingsOf = (driverId: string) =>
    seen.pings
      .filter((ping) => ping.driverId === driverId)
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())

  it('has every ping accepted, none left over, and no request failing', () => {
    const { summary } = seen
    expect(summary.errors).toEqual({})
    expect(summary).toMatchObject({ drivers: 3, queued: 0, dropped: 0, deadZones: 1 })
    expect(summary.pings).toBe(seen.pings.length)
    expect(summary.requests.binary).toBeGreaterThan(0)
    expect(summary.requests.batch).toBeGreaterThan(0)
    expect(new Set(seen.pings.map((ping) => ping.eventId)).size).toBe(seen.pings.length)
  })

  it('sends the fixes recorded in the dead zone as one batch once signal returns', () => {
    const lost = sim.drivers[1]!
    const perRequest = new Map<number, number>()
    for (const ping of pingsOf(lost.id).filter((p) => p.mode === 'batch')) {
      perRequest.set(ping.sentAt, (perRequest.get(ping.sentAt) ?? 0) + 1)
    }
    const largest = Math.max(...perRequest.values())
    expect(largest).toBeGreaterThanOrEqual(DEAD_ZONE_MS / INTERVAL_MS - 2)
  })

  it('shows every driver to the dispatcher as nearby, where it last reported', () => {
    for (const driver of sim.drivers) {
      const found = seen.nearby.get(driver.id)
      expect(found, driver.name).toBeDefined()
      expect(distanceMeters(found!, driver.lastSent!.fix)).toBeLessThan(50)
    }
  })

  it('never reports a driver moving faster than their vehicle can', () => {
    for (const driver of sim.drivers) {
      const limit = maxSpeedMps(driver.vehicleType) + GPS_DRIFT_MAX_MPS
      const pings = pingsOf(driver.id)
      for (let i = 1; i < pings.length; i++) {
        const [a, b] = [pings[i - 1]!, pings[i]!]
        const seconds = (b.recordedAt.getTime() - a.recordedAt.getTime()) / 1000
        expect(distanceMeters(a.fix, b.fix) / seconds, driver.name).toBeLessThanOrEqual(limit)
        expect(b.fix.speedMps).toBeLessThanOrEqual(maxSpeedMps(driver.vehicleType) + 0.2)
      }
    }
  })

  it('keeps every position inside the city', () => {
    expect(seen.pings.filter((ping) => !inBox(ping.fix))).toEqual([])
  })

  it('picks up a shipment assigned to a driver and sets off with it', () => {
    expect(['in_transit', 'delivered']).toContain(seen.statuses.toLapa)
    expect(seen.summary.pickedUp).toBeGreaterThanOrEqual(2)
  })

  it('delivers a shipment whose receiver is next door (or fails at the door, with a reason)', () => {
    expect(['delivered', 'failed']).toContain(seen.statuses.nextDoor)
    expect(seen.summary.delivered + seen.summary.failedAttempts).toBeGreaterThanOrEqual(1)
  })

  it('puts every driver off duty when stopped', () => {
    for (const driver of sim.drivers) expect(seen.dutyAfterStop.get(driver.id)).toBe('offline')
  })
})

describe('signing in more drivers than the demo has', () => {
  it('creates the missing ones as the admin once, and only logs in on the next run', async () => {
    const lines: string[] = []
    const options = {
      count: 11,
      password: PASSWORD,
      admin: { email: DEMO_ADMIN_EMAIL, password: PASSWORD },
      log: (line: string) => lines.push(line),
    }
    const first = await signInDrivers(server.url, options)
    expect(first.map((session) => session.account.email).at(-1)).toBe(
      `sim-driver-01@${STAFF_DOMAIN}`,
    )
    expect(first.every((session) => session.account.driverId)).toBe(true)
    expect(lines).toEqual([`created driver sim-driver-01@${STAFF_DOMAIN} (bicycle)`])

    const again = await signInDrivers(server.url, options)
    expect(again.map((session) => session.account.driverId)).toEqual(
      first.map((session) => session.account.driverId),
    )
    expect(lines).toHaveLength(1)
  })
})

describe('the links a new user is given to open', () => {
  /** `/track/<number>` links in `text`, read against this test's server. */
  const trackingLinks = (text: string) =>
    [...text.matchAll(/(https?:\/\/\S+)\/track\/([A-Z0-9]+)/g)].map(([, base, number]) => ({
      base: base!,
      number: number!,
    }))

  const publicView = async (number: string) => {
    const reply = await fetch(`${server.url}/api/shipments/track/${number}`)
    expect(reply.status).toBe(200)
    return (await reply.json()) as { status: string; driverPosition: unknown }
  }

  it('has the seed print the dashboard and a parcel in transit, at npm start’s address', async () => {
    const printed = server.seeded.stdout
    expect(printed).toMatch(/^ {2}dashboard +http:\/\/localhost:8080\/$/m)
    const [link] = trackingLinks(printed)
    expect(link?.base).toBe('http://localhost:8080')
    expect((await publicView(link!.number)).status).toBe('in_transit')
  })

  it('has the simulator print a parcel in transit with one of its drivers, seen moving there', async () => {
    const lines: string[] = []
    const watching = await startSimulation({
      url: server.url,
      drivers: 5,
      intervalMs: INTERVAL_MS,
      deliver: false,
      deadZones: false,
      seed: 7,
      reportEveryMs: 0,
      log: (line) => lines.push(line),
    })
    try {
      const printed = lines.join('\n')
      expect(printed).toContain(`dashboard: ${server.url}/`)
      const [link] = trackingLinks(printed)
      expect(link?.base).toBe(server.url)
      await eventually(async () => (await publicView(link!.number)).driverPosition !== null, 5_000)
      const view = await publicView(link!.number)
      expect(view.status).toBe('in_transit')
      expect(view.driverPosition).not.toBeNull()
    } finally {
      await watching.stop()
    }
  })
})
