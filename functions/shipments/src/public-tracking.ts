import type { TrackingRow } from '@dropmate/db'

/**
 * What anyone holding a tracking number may know: where the parcel is in its journey, the
 * area it is going to, the slot promised for it and the driver's first name. Never names, phone numbers, emails, the
 * street address or the customer (DESIGN.md §4).
 */
export function publicTrackingView(row: TrackingRow) {
  return {
    trackingNumber: row.trackingNumber,
    status: row.status,
    timeline: row.timeline.map((entry) => ({
      status: entry.type === 'arrived_nearby' ? ('arriving' as const) : entry.toStatus,
      at: new Date(entry.occurredAt).toISOString(),
    })),
    destination: {
      area: areaOf(row.receiverAddress),
      // two decimals: about a kilometre, the neighbourhood and not the door
      lat: Math.round(row.receiverLat * 100) / 100,
      lng: Math.round(row.receiverLng * 100) / 100,
    },
    driver: row.driverName ? { firstName: row.driverName.trim().split(/\s+/)[0]! } : null,
    deliveryWindow:
      row.deliveryWindowFrom && row.deliveryWindowTo
        ? { from: row.deliveryWindowFrom.toISOString(), to: row.deliveryWindowTo.toISOString() }
        : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }
}

/** "Rua dos Remédios 4, Alfama, Lisboa" → "Alfama, Lisboa": everything but the street line. */
function areaOf(address: string): string | null {
  const parts = address
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  return parts.length > 1 ? parts.slice(1).join(', ') : null
}
