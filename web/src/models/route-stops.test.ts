import { describe, expect, it } from 'vitest'
import type { Shipment } from '@dropmate/contracts/rest'
import type { DriverRoute, RouteStop } from '@dropmate/contracts/rest/routes'
import { stopsInRouteOrder } from './route-stops'

const shipment = (id: string, status: Shipment['status']) => ({ id, status }) as Shipment

const leg = (shipmentId: string, kind: RouteStop['kind']): RouteStop => ({
  shipmentId,
  trackingNumber: `DM${shipmentId}`,
  kind,
  lat: 38.7,
  lng: -9.1,
  name: 'Ana',
  address: 'Rua 1',
  legDistanceM: 100,
  arrivalAt: null,
  late: false,
})

const route = (...stops: RouteStop[]) => ({ stops }) as DriverRoute

const described = (cards: ReturnType<typeof stopsInRouteOrder>) =>
  cards.map((c) => `${c.n} ${c.kind} ${c.shipment.id}${c.collectAt ? ` after ${c.collectAt}` : ''}`)

describe('stopsInRouteOrder', () => {
  it("numbers the route's stops, a drop-off saying which stop collects its parcel", () => {
    const open = [shipment('a', 'assigned'), shipment('b', 'in_transit')]
    const cards = stopsInRouteOrder(
      open,
      route(leg('a', 'pickup'), leg('b', 'dropoff'), leg('a', 'dropoff')),
    )
    expect(described(cards)).toEqual(['1 pickup a', '2 dropoff b', '3 dropoff a after 1'])
  })

  it('drops a pickup already made and adds what the route does not list yet, after it', () => {
    const open = [shipment('a', 'picked_up'), shipment('c', 'assigned')]
    const cards = stopsInRouteOrder(
      open,
      route(leg('a', 'pickup'), leg('a', 'dropoff'), leg('gone', 'dropoff')),
    )
    expect(described(cards)).toEqual(['1 dropoff a', '2 pickup c'])
  })

  it('lists each shipment at its next stop while there is no route', () => {
    const cards = stopsInRouteOrder([shipment('a', 'assigned'), shipment('b', 'failed')], null)
    expect(described(cards)).toEqual(['1 pickup a', '2 dropoff b'])
  })
})
