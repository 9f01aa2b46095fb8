import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { randomUUID } from 'node:crypto'
import { SHOP } from '../seed/demo-data'
import type { Client, Reply } from './client'
import type { LoadRecord } from './record'
import { untilAnswered } from './retry'

export interface Endpoints {
  /** Where the API functions answer. */
  api: string
  /** Where `POST /api/locations` goes (the ingest function in the cluster shape). */
  ingest: string
}

export interface Driver {
  name: string
  driverId: string
  token: string
}

export interface JourneyContext {
  client: Client
  endpoints: Endpoints
  dispatcherToken: string
  record: LoadRecord
  /** When retrying stops: the load is bounded even if the system never comes back. */
  deadline: number
  /** A new shipment, acknowledged: its tracking page opens. */
  onCreated(shipment: { id: string; trackingNumber: string }): void
}

type Position = { lat: number; lng: number }

// The drive to the door outlasts the 5 s for which ingest may still think the parcel is not
// in transit (its delivery directory), as any real drive does.
const DRIVE_PINGS = 12
const PING_EVERY_MS = 500

// Doors on a circle about 1.4 km around the shop: a ping at the shop or half-way is never
// within the 150 m that makes a driver "arriving".
const DOOR_OFFSET = { lat: 0.0125, lng: 0.016 }

/**
 * One parcel from creation to delivery, each step retried until acknowledged: the dispatcher
 * creates and assigns it, the driver picks it up, drives (pinging every half second, then
 * twice at the door) and delivers it. Every acknowledged write goes into the record.
 */
export async function deliverOneParcel(ctx: JourneyContext, driver: Driver, n: number) {
  const { client, endpoints, record } = ctx
  const door = doorOf(n)
  const email = `${record.runId}-${n}@chaos.example`
  // Sent again with every retry, so a create whose answer was lost is not made twice.
  const idempotencyKey = randomUUID()
  const created = await untilAnswered(
    () =>
      client.request(`${endpoints.api}/api/shipments`, 'POST', {
        token: ctx.dispatcherToken,
        headers: { 'idempotency-key': idempotencyKey },
        body: {
          sender: { name: SHOP.name, address: SHOP.address, lat: SHOP.lat, lng: SHOP.lng },
          receiver: { name: `Chaos ${record.runId} ${n}`, email, address: `Door ${n}`, ...door },
          package: { weightKg: 1 },
        },
      }),
    ctx.deadline,
    refused,
  )
  if (!created.acknowledged) return
  const shipment = created.reply!.body as { id: string; trackingNumber: string }
  record.creates.push({ id: shipment.id, email })
  ctx.onCreated(shipment)

  const change = async (
    to: string,
    token: string,
    path: string,
    method: 'POST' | 'PATCH',
    body: object,
  ) => {
    const url = `${endpoints.api}/api/shipments/${shipment.id}/${path}`
    const done = await untilAnswered(
      () => client.request(url, method, { token, body }),
      ctx.deadline,
      refused,
    )
    if (done.acknowledged) record.changes.push({ shipmentId: shipment.id, to })
    // A 409 after a try whose answer was lost: that try may have made the change.
    if (done.acknowledged) return true
    return done.reply?.status === 409 && (await reachedAlready(ctx, shipment.id, to))
  }

  if (
    !(await change('assigned', ctx.dispatcherToken, 'assign', 'POST', {
      driverId: driver.driverId,
    }))
  )
    return
  for (const to of ['picked_up', 'in_transit']) {
    if (!(await change(to, driver.token, 'status', 'PATCH', { status: to }))) return
  }
  for (let share = 0; share < 0.85; share += 0.85 / DRIVE_PINGS) {
    await ping(ctx, driver, between(SHOP, door, share))
    await new Promise((resolve) => setTimeout(resolve, PING_EVERY_MS))
  }
  for (let i = 0; i < 2; i++) {
    if (await ping(ctx, driver, door)) record.doorPings.push(shipment.id)
  }
  await change('delivered', driver.token, 'status', 'PATCH', { status: 'delivered' })
}

/** One position from the driver's phone, resent with the same id until stored. */
export async function ping(ctx: JourneyContext, driver: Driver, at: Position): Promise<boolean> {
  const event = {
    specversion: '1.0',
    type: EVENT_TYPES.driverLocation,
    source: `/chaos/${ctx.record.runId}`,
    id: randomUUID(),
    subject: driver.driverId,
    time: new Date().toISOString(),
    data: at,
  }
  const stored = await untilAnswered(
    () =>
      ctx.client.request(`${ctx.endpoints.ingest}/api/locations`, 'POST', {
        token: driver.token,
        headers: { 'content-type': 'application/cloudevents+json' },
        body: event,
      }),
    ctx.deadline,
  )
  if (stored.acknowledged) ctx.record.pings.push({ source: event.source, id: event.id })
  return stored.acknowledged
}

/** A 4xx ends the step: sending the same again would be refused again. */
async function refused(reply: Reply): Promise<boolean> {
  return typeof reply.status === 'number' && reply.status >= 400 && reply.status < 500
}

/** After a lost answer, a 409 may mean the first try went through: the shipment says. */
async function reachedAlready(ctx: JourneyContext, id: string, to: string): Promise<boolean> {
  const reply = await ctx.client.request(`${ctx.endpoints.api}/api/shipments/${id}`, 'GET', {
    token: ctx.dispatcherToken,
  })
  return (reply.body as { status?: string } | undefined)?.status === to
}

function doorOf(n: number): Position {
  const angle = (n * 2 * Math.PI) / 7
  return {
    lat: SHOP.lat + DOOR_OFFSET.lat * Math.cos(angle),
    lng: SHOP.lng + DOOR_OFFSET.lng * Math.sin(angle),
  }
}

function between(from: Position, to: Position, share: number): Position {
  return {
    lat: from.lat + (to.lat - from.lat) * share,
    lng: from.lng + (to.lng - from.lng) * share,
  }
}
