import { EVENT_TYPES } from '@dropmate/contracts/event-types'

const LABELS: Record<string, string> = {
  [EVENT_TYPES.shipmentCreated]: 'Shipment created',
  [EVENT_TYPES.shipmentAssigned]: 'Driver assigned',
  [EVENT_TYPES.shipmentStatusChanged]: 'Status changed',
  [EVENT_TYPES.shipmentArriving]: 'Driver arriving',
  [EVENT_TYPES.shipmentEdited]: 'Shipment edited',
  [EVENT_TYPES.shipmentAtRisk]: 'Delivery slot at risk',
  [EVENT_TYPES.driverStatusChanged]: 'Driver on or off duty',
}

/** An event type in words, the type itself for one without them. */
export const eventLabel = (type: string) => LABELS[type] ?? type
