import type { Shipment } from '@dropmate/contracts/rest'
import type { DriverRoute, RouteStop } from '@dropmate/contracts/rest/routes'

/** One numbered card of the driver's list: a shipment at one of its two ends. */
export interface StopCard {
  n: number
  shipment: Shipment
  kind: RouteStop['kind']
  /** The route's word on this stop: leg distance, arrival; absent for one it has not placed. */
  leg?: RouteStop
  /** For a drop-off of a parcel still to collect: the number of its pickup. */
  collectAt?: number
}

/**
 * The driver's open shipments as numbered stops in route order. The route is the server's
 * and may lag a change by a request: a pickup already made is left out, and a shipment it
 * does not list yet comes after it, at the one stop its status calls for.
 *
 * @example
 * stopsInRouteOrder(openShipments, route).map((s) => `${s.n} ${s.kind}`) // ['1 pickup', '2 dropoff']
 */
export function stopsInRouteOrder(
  open: readonly Shipment[],
  route: DriverRoute | null,
): StopCard[] {
  const byId = new Map(open.map((s) => [s.id, s]))
  const placed: Array<Omit<StopCard, 'n'>> = []
  for (const leg of route?.stops ?? []) {
    const shipment = byId.get(leg.shipmentId)
    if (!shipment || (leg.kind === 'pickup' && shipment.status !== 'assigned')) continue
    placed.push({ shipment, kind: leg.kind, leg })
  }
  const listed = new Set(placed.map((card) => card.shipment.id))
  for (const shipment of open) {
    if (listed.has(shipment.id)) continue
    placed.push({ shipment, kind: shipment.status === 'assigned' ? 'pickup' : 'dropoff' })
  }
  const pickupNumber = new Map<string, number>()
  return placed.map((card, i) => {
    if (card.kind === 'pickup') pickupNumber.set(card.shipment.id, i + 1)
    const collectAt =
      card.kind === 'dropoff' && card.shipment.status === 'assigned'
        ? pickupNumber.get(card.shipment.id)
        : undefined
    return { ...card, n: i + 1, collectAt }
  })
}
