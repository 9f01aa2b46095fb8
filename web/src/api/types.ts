import type { ShipmentStatus } from '@dropmate/core/status-machine'
import type { DutyStatus } from '@dropmate/core/fleet'

/** What the API answers, as its OpenAPI document (/api/openapi.json) describes it. */

export type Role = 'admin' | 'dispatcher' | 'driver' | 'customer'

export interface Account {
  id: string
  email: string
  name: string
  role: Role
  driverId: string | null
}

export interface Tokens {
  accessToken: string
  tokenType: 'Bearer'
  expiresIn: number
  refreshToken: string
  account: Account
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
  sender: Party
  receiver: Party
  package: { weightKg: number | null; description: string | null; details: object }
  customerId: string | null
  driverId: string | null
  createdAt: string
  updatedAt: string
  assignedAt: string | null
  pickedUpAt: string | null
  deliveredAt: string | null
  cancelledAt: string | null
  cancellationReason: string | null
  version: number
}

export type StatusCounts = Partial<Record<ShipmentStatus, number>>

export interface ShipmentPage {
  items: Shipment[]
  nextCursor: string | null
  counts?: StatusCounts
}

export interface NewParty {
  name: string
  phone?: string
  email?: string
  address: string
  lat: number
  lng: number
}

export interface NewShipment {
  reference?: string
  sender: NewParty
  receiver: NewParty
  package?: { weightKg?: number; description?: string }
}

export interface TimelineEvent {
  id: string
  type: string
  fromStatus: ShipmentStatus | null
  toStatus: ShipmentStatus | null
  actorRole: Role | 'system' | null
  lat: number | null
  lng: number | null
  note: string | null
  occurredAt: string
}

// The gateway says it in its events too: one definition for both.
export type { DutyStatus }

export interface Driver {
  id: string
  userId: string
  name: string
  email: string
  phone: string | null
  vehicleType: string
  vehiclePlate: string | null
  dutyStatus: DutyStatus
  dutyChangedAt: string
  activeShipments: number
}

export interface NearbyDriver {
  driverId: string
  name: string
  vehicleType: string
  distanceM: number
  lat: number
  lng: number
  recordedAt: string
}

/** Where a driver on duty is now (`/api/drivers/positions`). */
export interface DriverPosition {
  driverId: string
  lat: number
  lng: number
  accuracyM: number | null
  headingDeg: number | null
  recordedAt: string
}

export interface EtaWindow {
  earliest: string
  latest: string
  distanceM: number
}

export interface TrackingView {
  trackingNumber: string
  status: ShipmentStatus
  timeline: Array<{ status: ShipmentStatus | null; at: string }>
  eta: EtaWindow | null
  destination: { area: string | null; lat: number; lng: number }
  driver: { firstName: string } | null
  driverPosition: { lat: number; lng: number; recordedAt: string } | null
  deliveredAt: string | null
}

export interface FieldError {
  field: string
  message: string
}
