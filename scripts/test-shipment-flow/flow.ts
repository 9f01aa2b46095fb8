import { randomUUID } from 'node:crypto'
import {
  expectEqual,
  expectRedacted,
  expectReplay,
  expectRole,
  expectTimeline,
  HAPPY_PATH,
} from './checks'
import { createClient, type Client } from './client'
import { newShipment } from './new-shipment'
import { formatTimeline, formatTrackingView, type Summary } from './print'
import {
  readDriver,
  readSession,
  readShipment,
  readTimeline,
  readTrackingView,
  type Session,
} from './shapes'
import { stepper, type Log } from './steps'

export interface Credentials {
  email: string
  password: string
}

export interface FlowOptions {
  baseUrl: string
  dispatcher: Credentials
  driver: Credentials
}

/**
 * One shipment's whole life against a running server: create (and replay) it as the
 * dispatcher, assign it, walk it to delivered as the driver, then read it back publicly
 * and as staff. Resolves to a summary, or rejects with a FlowError naming the failed step.
 */
export async function runFlow(options: FlowOptions, log: Log): Promise<Summary> {
  const started = performance.now()
  const call = createClient(options.baseUrl)
  const step = stepper(log)
  const runId = randomUUID().slice(0, 8)

  await step('check readiness', () => call({ method: 'GET', path: '/ready', expect: 200 }))
  const staff = await step('log in as dispatcher', async () => {
    const session = await logIn(call, options.dispatcher)
    expectRole(options.dispatcher.email, session.account.role, ['dispatcher', 'admin'])
    return session
  })
  const {
    driverId,
    driverName,
    token: driverToken,
  } = await step('log in as driver', async () => {
    const { accessToken, account } = await logIn(call, options.driver)
    expectRole(options.driver.email, account.role, ['driver'])
    if (!account.driverId) throw new Error(`${options.driver.email} has no driver record`)
    return { driverId: account.driverId, driverName: account.name, token: accessToken }
  })

  const body = newShipment(runId)
  const created = await step('create a shipment, and replay it with the same key', async () => {
    const create = () =>
      call({
        method: 'POST',
        path: '/api/shipments',
        expect: 201,
        token: staff.accessToken,
        headers: { 'idempotency-key': `test-flow-${runId}` },
        body,
      })
    const first = await create()
    const shipment = readShipment(first.body)
    expectEqual('the new shipment status', shipment.status, 'pending')
    const replay = await create()
    expectReplay(first, shipment, readShipment(replay.body), replay)
    return shipment
  })
  const shipmentPath = `/api/shipments/${created.id}`

  await step('put the driver on duty', async () => {
    const reply = await call({
      method: 'PATCH',
      path: `/api/drivers/${driverId}`,
      expect: 200,
      token: driverToken,
      body: { dutyStatus: 'available' },
    })
    expectEqual('the driver duty status', readDriver(reply.body).dutyStatus, 'available')
  })
  await step('assign the shipment to the driver', async () => {
    const reply = await call({
      method: 'POST',
      path: `${shipmentPath}/assign`,
      expect: 200,
      token: staff.accessToken,
      body: { driverId },
    })
    const shipment = readShipment(reply.body)
    expectEqual('the shipment status', shipment.status, 'assigned')
    expectEqual('the shipment driverId', shipment.driverId, driverId)
  })
  for (const status of ['picked_up', 'in_transit', 'delivered'] as const) {
    await step(`mark it ${status} as the driver`, async () => {
      const reply = await call({
        method: 'PATCH',
        path: `${shipmentPath}/status`,
        expect: 200,
        token: driverToken,
        body: { status },
      })
      expectEqual('the shipment status', readShipment(reply.body).status, status)
    })
  }

  await step('read the public tracking view', async () => {
    const path = `/api/shipments/track/${encodeURIComponent(created.trackingNumber)}`
    const reply = await call({ method: 'GET', path, expect: 200 })
    const view = readTrackingView(reply.body)
    formatTrackingView(view).forEach((line) => log(line))
    expectEqual('the public status', view.status, 'delivered')
    expectRedacted(JSON.stringify(reply.body), [body.sender, body.receiver])
  })
  const events = await step('read the timeline as the dispatcher', async () => {
    const path = `${shipmentPath}/events`
    const reply = await call({ method: 'GET', path, expect: 200, token: staff.accessToken })
    const timeline = readTimeline(reply.body)
    formatTimeline(timeline).forEach((line) => log(line))
    expectTimeline(timeline, HAPPY_PATH)
    return timeline
  })

  return {
    baseUrl: options.baseUrl,
    trackingNumber: created.trackingNumber,
    reference: created.reference,
    driverName,
    events: events.length,
    elapsedMs: performance.now() - started,
  }
}

async function logIn(call: Client, { email, password }: Credentials): Promise<Session> {
  const reply = await call({
    method: 'POST',
    path: '/api/auth/login',
    expect: 200,
    body: { email, password },
  })
  return readSession(reply.body)
}
