import type { ApiDeps } from '@dropmate/kit'
import type { AnyApp } from '@dropmate/runtime'
import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import type { Role } from '@dropmate/core'
import * as shipments from '../src'

/**
 * The shipments functions over real HTTP, with the people every test needs; `others` mounts
 * more functions beside them (a test of the whole process brings ingest).
 */
export async function startShipmentsApi(
  env: Record<string, string> = {},
  others: (deps: ApiDeps) => AnyApp[] = () => [],
) {
  const api = await startTestApi(
    (deps) => [...shipments.functions.map((fn) => fn.app(deps)), ...others(deps)],
    env,
  )
  const onDuty = async (role: Role, name?: string) => {
    const person = await api.signIn(role, { name })
    if (person.driverId) {
      await api.db.sql`update drivers set duty_status = 'available' where id = ${person.driverId}`
    }
    return person
  }
  const people = {
    admin: await onDuty('admin'),
    dispatcher: await onDuty('dispatcher'),
    driver: await onDuty('driver', 'Bruno Costa'),
    otherDriver: await onDuty('driver'),
    customer: await onDuty('customer'),
    otherCustomer: await onDuty('customer'),
  }
  return { api, people, onDuty, ...flows(api, people) }
}

type People = Record<
  'admin' | 'dispatcher' | 'driver' | 'otherDriver' | 'customer' | 'otherCustomer',
  SignedIn
>

export function newShipmentBody(overrides: Record<string, unknown> = {}) {
  return {
    sender: {
      name: 'Padaria Estrela',
      phone: '+351 910 000 000',
      email: 'orders@estrela.example',
      address: 'Rua da Estrela 12, Estrela, Lisboa',
      lat: 38.7135,
      lng: -9.1605,
    },
    receiver: {
      name: 'Rita Sousa',
      phone: '+351 910 000 099',
      email: 'rita.sousa@example.com',
      address: 'Rua dos Remédios 4, Alfama, Lisboa',
      lat: 38.7118,
      lng: -9.1306,
    },
    package: { weightKg: 1.5, description: 'A dozen pastéis de nata' },
    ...overrides,
  }
}

function flows(api: TestApi, people: People) {
  const create = async (customer: SignedIn | null = people.customer, extra: object = {}) => {
    const reply = await api.request('POST', '/api/shipments', {
      token: people.dispatcher.token,
      body: newShipmentBody({ ...(customer ? { customerId: customer.userId } : {}), ...extra }),
    })
    if (reply.status !== 201) throw new Error(`create failed: ${JSON.stringify(reply.body)}`)
    return reply.body as { id: string; trackingNumber: string }
  }
  const move = (id: string, who: SignedIn, status: string, extra: object = {}) =>
    api.request('PATCH', `/api/shipments/${id}/status`, {
      token: who.token,
      body: { status, ...extra },
    })

  /** A shipment of `customer` walked by the API to `status`, carried by `driver`. */
  const shipmentIn = async (
    status: string,
    customer: SignedIn | null = people.customer,
    driver: SignedIn = people.driver,
    /** More of the new shipment's body, such as its delivery window. */
    extra: object = {},
  ) => {
    const shipment = await create(customer, extra)
    const steps: Record<string, string[]> = {
      pending: [],
      assigned: ['assigned'],
      picked_up: ['assigned', 'picked_up'],
      in_transit: ['assigned', 'picked_up', 'in_transit'],
      delivered: ['assigned', 'picked_up', 'in_transit', 'delivered'],
      failed: ['assigned', 'picked_up', 'in_transit', 'failed'],
      cancelled: ['cancelled'],
    }
    for (const step of steps[status]!) {
      const reply =
        step === 'assigned'
          ? await api.request('POST', `/api/shipments/${shipment.id}/assign`, {
              token: people.dispatcher.token,
              body: { driverId: driver.driverId },
            })
          : step === 'cancelled'
            ? await api.request('DELETE', `/api/shipments/${shipment.id}?reason=changed+my+mind`, {
                token: people.dispatcher.token,
              })
            : await move(
                shipment.id,
                driver,
                step,
                step === 'failed' ? { reason: 'Nobody home' } : {},
              )
      if (reply.status !== 200) throw new Error(`${step} failed: ${JSON.stringify(reply.body)}`)
    }
    return shipment
  }

  const outboxOf = (shipmentId: string) => api.db.sql<
    { type: string; data: Record<string, unknown> }[]
  >`
    select type, data from outbox where subject = ${shipmentId} order by seq
  `
  const timelineOf = (shipmentId: string) => api.db.sql<
    { type: string; toStatus: string | null }[]
  >`
    select type, to_status from shipment_events where shipment_id = ${shipmentId} order by occurred_at, id
  `
  /** The driver's latest position, as ingest keeps it, now. */
  const report = (who: SignedIn, at: { lat: number; lng: number; speedMps?: number }) =>
    api.deps.locations.store.advance([
      {
        driverId: who.driverId!,
        ...at,
        speedMps: at.speedMps ?? null,
        accuracyM: null,
        headingDeg: null,
        recordedAt: new Date(),
      },
    ])
  return { create, move, shipmentIn, outboxOf, timelineOf, report }
}
