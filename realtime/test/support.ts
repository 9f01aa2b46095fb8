import { startTestApi, type SignedIn, type TestApi, type TestServing } from '@dropmate/kit/testing'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { DeliveryEta } from '@dropmate/contracts/driver-events'
import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import { newTrackingNumber, type ShipmentStatus } from '@dropmate/core'
import { insertShipment, moveShipmentStatus, type Shipment } from '@dropmate/db'
import { randomUUID } from 'node:crypto'
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { createRealtimeGateway, realtimeApps, type GatewayOptions } from '../src'
import type {
  AppClientEvents,
  AppServerEvents,
  TrackingClientEvents,
  TrackingServerEvents,
} from '@dropmate/contracts/sockets'

export type AppClient = Socket<AppServerEvents, AppClientEvents>
export type TrackingClient = Socket<TrackingServerEvents, TrackingClientEvents>
type ClientOptions = Partial<ManagerOptions & SocketOptions>

/** The JSON format of a CloudEvent, as the broker delivers it. */
type JsonEvent = Record<string, unknown>

const SOURCE = '/functions/test'

/**
 * A realtime gateway over real HTTP on a fresh database (and Redis with REDIS_URL), as its own
 * process serves it, with Socket.io clients that are closed with it.
 */
export async function startGateway(
  options: {
    env?: Record<string, string>
    gateway?: Omit<GatewayOptions, 'deps'>
    hostname?: string
  } = {},
) {
  let gateway!: Awaited<ReturnType<typeof createRealtimeGateway>>
  const serving: TestServing = {
    onServer: (server) => gateway.attach(server),
    onDraining: () => gateway.drain(),
    ...(options.hostname && { hostname: options.hostname }),
  }
  const api: TestApi = await startTestApi(
    async (deps) => {
      gateway = await createRealtimeGateway({ deps, ...options.gateway })
      return Object.values(realtimeApps(gateway, deps.config))
    },
    options.env,
    serving,
  )
  const clients: Socket[] = []

  const connect = <T extends Socket>(namespace: string, options: ClientOptions): T => {
    const socket = io(`${api.url}${namespace}`, {
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      ...options,
    })
    clients.push(socket)
    return socket as T
  }

  return {
    api,
    gateway,
    url: api.url,
    /** A dashboard socket signed in as `person` (or with the raw `auth` given). */
    dashboard(person: SignedIn | { token?: unknown }, options: ClientOptions = {}) {
      return connect<AppClient>('/', { auth: { token: person.token }, ...options })
    },
    trackingPage(options: ClientOptions = {}) {
      return connect<TrackingClient>('/track', options)
    },
    /**
     * Appends location events to the positions feed as ingest does (structured-mode JSON,
     * one entry each), where every gateway on this Redis (or in this process) reads them.
     */
    publish(events: JsonEvent[]) {
      return api.deps.positions.append(events.map((event) => JSON.stringify(event)))
    },
    /** POSTs events to /realtime/events as the broker does: one structured, several batched. */
    deliver(events: JsonEvent[], headers: Record<string, string> = {}) {
      const [only] = events
      return fetch(`${api.url}/realtime/events`, {
        method: 'POST',
        headers: {
          'content-type':
            events.length === 1
              ? 'application/cloudevents+json'
              : 'application/cloudevents-batch+json',
          ...headers,
        },
        body: JSON.stringify(events.length === 1 ? only : events),
      })
    },
    async close() {
      for (const client of clients) client.disconnect()
      await api.close()
    },
  }
}

export type TestGateway = Awaited<ReturnType<typeof startGateway>>

const PLACE = { name: 'Rita Sousa', phone: null, email: null, lat: 38.71, lng: -9.14 }
const JOURNEY: ShipmentStatus[] = ['assigned', 'picked_up', 'in_transit']

/** A shipment in the database, moved along its journey up to `status`. */
export async function createShipment(
  api: TestApi,
  parties: { customerId?: string; driverId?: string; status?: ShipmentStatus } = {},
): Promise<Shipment> {
  let shipment = (await insertShipment(api.db.sql, {
    trackingNumber: newTrackingNumber(),
    sender: { ...PLACE, address: 'Rua da Estrela 12, Lisboa' },
    receiver: { ...PLACE, address: 'Rua dos Remédios 4, Alfama, Lisboa' },
    customerId: parties.customerId ?? null,
  }))!
  const target = parties.status ?? 'pending'
  for (const to of JOURNEY.slice(0, JOURNEY.indexOf(target) + 1)) {
    shipment = (await moveShipmentStatus(api.db.sql, {
      id: shipment.id,
      from: shipment.status,
      to,
      driverId: parties.driverId,
    }))!
  }
  return shipment
}

/** com.dropmate.driver.status_changed.v1 as functions/drivers update-driver writes it. */
export function dutyEvent(data: Record<string, unknown>): JsonEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/functions/update-driver',
    type: EVENT_TYPES.driverStatusChanged,
    subject: String(data.driverId),
    data: { changedAt: new Date().toISOString(), ...data },
  }
}

/**
 * The event functions/shipments announces for a shipment as it is now; `extra` stands in for
 * what the change said besides (a reason, the previous driver).
 */
export function shipmentEvent(
  kind: 'created' | 'status_changed' | 'assigned',
  shipment: Shipment,
  extra: { reason?: string | null; previousDriverId?: string | null } = {},
): JsonEvent {
  const facts = factsOf(shipment)
  const built =
    kind === 'created'
      ? shipmentEvents.created(SOURCE, facts)
      : kind === 'assigned'
        ? shipmentEvents.assigned(SOURCE, { previousDriverId: null, ...facts, ...extra })
        : shipmentEvents.statusChanged(SOURCE, {
            from: shipment.status,
            to: shipment.status,
            reason: null,
            ...facts,
            ...extra,
          })
  return { specversion: '1.0', id: randomUUID(), ...built }
}

/** A driver's position as the ingest function publishes it. */
export function locationEvent(
  driverId: string,
  position: { lat: number; lng: number; recordedAt?: Date; deliveries?: DeliveryEta[] },
): JsonEvent {
  const { recordedAt = new Date(), deliveries, ...at } = position
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/functions/ingest-locations',
    type: EVENT_TYPES.driverLocation,
    subject: driverId,
    data: {
      driverId,
      ...at,
      accuracyM: 8,
      speedMps: 4,
      headingDeg: 90,
      recordedAt: recordedAt.toISOString(),
      ...(deliveries && { deliveries }),
    },
  }
}

/** Resolves with the next `event` the socket receives. */
export function next<T>(socket: Socket, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, receive)
      reject(new Error(`no ${event} within ${timeoutMs} ms`))
    }, timeoutMs)
    const receive = (payload: T) => {
      clearTimeout(timer)
      resolve(payload)
    }
    socket.once(event, receive)
  })
}

/** Everything the socket receives as `event` from now on, in order. */
export function collect<T>(socket: Socket, event: string): T[] {
  const received: T[] = []
  socket.on(event, (payload: T) => received.push(payload))
  return received
}

/** Resolves once the socket is connected, or rejects with its connect_error. */
export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve()
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
