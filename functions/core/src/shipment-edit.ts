import type { ShipmentStatus } from './status-machine'

/** What an edit asks for; absent fields stay as they are. */
export interface ShipmentEdit {
  receiver?: {
    name?: string
    phone?: string | null
    email?: string | null
    address?: string
    lat?: number
    lng?: number
  }
  notes?: string | null
  deliveryWindow?: { from: string; to: string } | null
}

/** The shipment's editable fields, as its row holds them. */
export interface EditableFields {
  receiverName: string
  receiverPhone: string | null
  receiverEmail: string | null
  receiverAddress: string
  receiverLat: number
  receiverLng: number
  notes: string | null
  deliveryWindowFrom: Date | null
  deliveryWindowTo: Date | null
}

/** The columns an edit sets: only those whose value differs. */
export type EditedColumns = Partial<
  Omit<EditableFields, 'deliveryWindowFrom' | 'deliveryWindowTo'>
> & {
  deliveryWindow?: { from: Date; to: Date } | null
}

// Once the driver holds the parcel, what it says on the label is what gets delivered.
const EDITABLE: readonly ShipmentStatus[] = ['pending', 'assigned']

/** Whether a shipment in `status` may still be edited: before pickup only. */
export function isEditable(status: ShipmentStatus): boolean {
  return EDITABLE.includes(status)
}

const RECEIVER_COLUMNS = {
  name: 'receiverName',
  phone: 'receiverPhone',
  email: 'receiverEmail',
  address: 'receiverAddress',
  lat: 'receiverLat',
  lng: 'receiverLng',
} as const

/**
 * What an edit changes of a shipment: the columns to set and the fields changed, by their
 * REST names (`receiver.address`, `deliveryWindow`). Values equal to the current ones are
 * left out, so a form sent back untouched changes nothing.
 *
 * @example
 * editedColumns({ notes: 'Ring twice' }, shipment) // { columns: { notes: 'Ring twice' }, changed: ['notes'] }
 */
export function editedColumns(
  edit: ShipmentEdit,
  shipment: EditableFields,
): { columns: EditedColumns; changed: string[] } {
  const columns: EditedColumns = {}
  const changed: string[] = []
  for (const [field, column] of Object.entries(RECEIVER_COLUMNS)) {
    const value = edit.receiver?.[field as keyof typeof RECEIVER_COLUMNS]
    if (value === undefined || value === shipment[column]) continue
    Object.assign(columns, { [column]: value })
    changed.push(`receiver.${field}`)
  }
  if (edit.notes !== undefined && edit.notes !== shipment.notes) {
    columns.notes = edit.notes
    changed.push('notes')
  }
  if (edit.deliveryWindow !== undefined) {
    const window = edit.deliveryWindow && {
      from: new Date(edit.deliveryWindow.from),
      to: new Date(edit.deliveryWindow.to),
    }
    const same =
      window?.from.getTime() === shipment.deliveryWindowFrom?.getTime() &&
      window?.to.getTime() === shipment.deliveryWindowTo?.getTime()
    if (!same) {
      columns.deliveryWindow = window
      changed.push('deliveryWindow')
    }
  }
  return { columns, changed }
}
