import type { Shipment } from '@dropmate/db'

// OWASP's CSV injection advice: a cell a spreadsheet would read as a formula (or a DDE call)
// starts with one of these; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text cell that a spreadsheet shows as text, never runs: `=HYPERLINK(...)` becomes
 * `'=HYPERLINK(...)`.
 *
 * @example
 * neutralised('+351 910 000 000') // "'+351 910 000 000"
 */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The export's columns: the import's, so a sheet reads the same both ways, and the state. */
export const EXPORT_COLUMNS = [
  'tracking_number',
  'reference',
  'status',
  'sender_name',
  'sender_phone',
  'sender_email',
  'sender_address',
  'sender_lat',
  'sender_lng',
  'receiver_name',
  'receiver_phone',
  'receiver_email',
  'receiver_address',
  'receiver_lat',
  'receiver_lng',
  'weight_kg',
  'description',
  'driver_id',
  'created_at',
  'updated_at',
  'delivered_at',
] as const

/** One shipment as a row of the export, numbers as numbers and times in ISO 8601. */
export function exportRow(s: Shipment): Array<string | number | null> {
  return [
    s.trackingNumber,
    s.reference,
    s.status,
    s.senderName,
    s.senderPhone,
    s.senderEmail,
    s.senderAddress,
    s.senderLat,
    s.senderLng,
    s.receiverName,
    s.receiverPhone,
    s.receiverEmail,
    s.receiverAddress,
    s.receiverLat,
    s.receiverLng,
    s.packageWeightKg === null ? null : Number(s.packageWeightKg),
    s.packageDescription,
    s.driverId,
    s.createdAt.toISOString(),
    s.updatedAt.toISOString(),
    s.deliveredAt?.toISOString() ?? null,
  ]
}
