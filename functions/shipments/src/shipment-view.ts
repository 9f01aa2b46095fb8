import type { Principal } from '@dropmate/kit'
import type { Shipment, ShipmentEvent } from '@dropmate/db'

const iso = (date: Date | null) => date?.toISOString() ?? null

/**
 * A shipment as the caller may see it. A driver looking at a parcel they could claim sees
 * where it goes but not whom to call: contact details come with the assignment.
 */
export function shipmentView(shipment: Shipment, actor: Principal) {
  const claimable = actor.role === 'driver' && shipment.driverId !== actor.driverId
  const contact = (phone: string | null, email: string | null) =>
    claimable ? { phone: null, email: null } : { phone, email }
  return {
    id: shipment.id,
    trackingNumber: shipment.trackingNumber,
    reference: shipment.reference,
    status: shipment.status,
    sender: {
      name: shipment.senderName,
      ...contact(shipment.senderPhone, shipment.senderEmail),
      address: shipment.senderAddress,
      lat: shipment.senderLat,
      lng: shipment.senderLng,
    },
    receiver: {
      name: shipment.receiverName,
      ...contact(shipment.receiverPhone, shipment.receiverEmail),
      address: shipment.receiverAddress,
      lat: shipment.receiverLat,
      lng: shipment.receiverLng,
    },
    package: {
      weightKg: shipment.packageWeightKg === null ? null : Number(shipment.packageWeightKg),
      description: shipment.packageDescription,
      details: shipment.packageDetails,
    },
    customerId: claimable ? null : shipment.customerId,
    driverId: shipment.driverId,
    createdAt: shipment.createdAt.toISOString(),
    updatedAt: shipment.updatedAt.toISOString(),
    assignedAt: iso(shipment.assignedAt),
    pickedUpAt: iso(shipment.pickedUpAt),
    deliveredAt: iso(shipment.deliveredAt),
    cancelledAt: iso(shipment.cancelledAt),
    cancellationReason: shipment.cancellationReason,
    version: shipment.version,
    notes: shipment.notes,
    deliveryWindow: deliveryWindowOf(shipment),
    atRiskAt: iso(shipment.atRiskAt),
  }
}

/** The delivery slot of a shipment row, as the API and its events give it. */
export function deliveryWindowOf(shipment: Shipment) {
  const { deliveryWindowFrom: from, deliveryWindowTo: to } = shipment
  return from && to ? { from: from.toISOString(), to: to.toISOString() } : null
}

/** A shipment as one caller sees it, as answered and as kept for an idempotent replay. */
export type ShipmentView = ReturnType<typeof shipmentView>

/** A timeline entry; who acted is shown by role, never by identity. */
export function timelineView(event: ShipmentEvent) {
  return {
    id: String(event.id),
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorRole: event.actorRole,
    lat: event.lat,
    lng: event.lng,
    note: event.note,
    occurredAt: event.occurredAt.toISOString(),
  }
}
