/** CloudEvent types (DESIGN.md §4): producers, consumers and the dashboard import these. */
export const EVENT_TYPES = {
  shipmentCreated: 'com.dropmate.shipment.created.v1',
  shipmentStatusChanged: 'com.dropmate.shipment.status_changed.v1',
  shipmentAssigned: 'com.dropmate.shipment.assigned.v1',
  /** The driver came within reach of the door (ARRIVAL_RADIUS_M), once per shipment. */
  shipmentArriving: 'com.dropmate.shipment.arriving.v1',
  /** Receiver, notes or delivery slot changed before pickup. */
  shipmentEdited: 'com.dropmate.shipment.edited.v1',
  /** The arrival window first ran past the delivery slot's end, once per shipment. */
  shipmentAtRisk: 'com.dropmate.shipment.at_risk.v1',
  driverLocation: 'com.dropmate.driver.location.v1',
  driverStatusChanged: 'com.dropmate.driver.status_changed.v1',
  alert: 'com.dropmate.alert.v1',
} as const

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES]
