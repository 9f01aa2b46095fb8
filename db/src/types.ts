import type { DutyStatus, Role, ShipmentStatus, VehicleType } from '@dropmate/core'

/** Rows as postgres.js returns them: camelCased columns, timestamptz as Date. */

export interface User {
  id: string
  email: string
  name: string
  phone: string | null
  role: Role
  passwordHash: string | null
  firebaseUid: string | null
  disabledAt: Date | null
  /** Counts the changes to what the account may do; tokens carry the one they were minted at. */
  accessVersion: number
  accessChangedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

export interface Driver {
  id: string
  userId: string
  vehicleType: VehicleType
  vehiclePlate: string | null
  dutyStatus: DutyStatus
  dutyChangedAt: Date
  createdAt: Date
  updatedAt: Date
}

/** A delivery slot: the receiver was promised the parcel between these two moments. */
export interface DeliveryWindow {
  from: Date
  to: Date
}

export interface Party {
  name: string
  phone: string | null
  email: string | null
  address: string
  lat: number
  lng: number
}

export interface Shipment {
  id: string
  trackingNumber: string
  reference: string | null
  status: ShipmentStatus
  senderName: string
  senderPhone: string | null
  senderEmail: string | null
  senderAddress: string
  senderLat: number
  senderLng: number
  receiverName: string
  receiverPhone: string | null
  receiverEmail: string | null
  receiverAddress: string
  receiverLat: number
  receiverLng: number
  /** numeric comes back as a string to keep its precision */
  packageWeightKg: string | null
  packageDescription: string | null
  packageDetails: Record<string, unknown>
  customerId: string | null
  driverId: string | null
  createdBy: string | null
  createdAt: Date
  updatedAt: Date
  assignedAt: Date | null
  pickedUpAt: Date | null
  deliveredAt: Date | null
  cancelledAt: Date | null
  cancellationReason: string | null
  version: number
  notes: string | null
  /** The delivery slot promised to the receiver; both set or both null. */
  deliveryWindowFrom: Date | null
  deliveryWindowTo: Date | null
  /** When a ping first put the arrival window past the slot's end. */
  atRiskAt: Date | null
}

export const SHIPMENT_EVENT_TYPES = [
  'created',
  'assigned',
  'unassigned',
  'status_changed',
  'note',
  'arrived_nearby',
  'edited',
  'at_risk',
] as const
export type ShipmentEventType = (typeof SHIPMENT_EVENT_TYPES)[number]

export interface ShipmentEvent {
  id: string
  shipmentId: string
  type: ShipmentEventType
  fromStatus: ShipmentStatus | null
  toStatus: ShipmentStatus | null
  actorUserId: string | null
  actorRole: Role | 'system' | null
  lat: number | null
  lng: number | null
  note: string | null
  metadata: Record<string, unknown>
  occurredAt: Date
}
