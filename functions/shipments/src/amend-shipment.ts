import type { ApiDeps, Principal } from '@dropmate/kit'
import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import { canSee, editedColumns, isEditable, type ShipmentEdit } from '@dropmate/core'
import {
  appendShipmentEvent,
  editShipment,
  enqueueEvent,
  lockShipment,
  type Shipment,
} from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import { deliveryWindowOf } from './shipment-view'
import { shipmentNotFound } from './visibility'

const SOURCE = '/functions/edit-shipment'

// The timeline is read by staff: fields in their words, coordinates once for both.
const WORDS: Record<string, string> = {
  'receiver.name': 'receiver',
  'receiver.phone': 'phone',
  'receiver.email': 'email',
  'receiver.address': 'address',
  'receiver.lat': 'map position',
  'receiver.lng': 'map position',
  notes: 'notes',
  deliveryWindow: 'delivery slot',
}

const changeWords = (changed: string[]) =>
  [...new Set(changed.map((field) => WORDS[field] ?? field))].join(', ')

export interface Amendment {
  shipmentId: string
  edit: ShipmentEdit
  /** The versions the caller read (If-Match); `any` takes whichever is current. */
  versions: number[] | 'any'
  actor: Principal
}

/**
 * Edits a shipment before pickup in one transaction: lock the row, check who asks, its
 * status and the version the edit was made from, update, put the change on the timeline and
 * queue its `edited` event. An edit that changes nothing writes nothing.
 */
export async function amendShipment(deps: ApiDeps, amendment: Amendment): Promise<Shipment> {
  const { actor, versions } = amendment
  const outcome = await deps.sql.begin(async (tx) => {
    const shipment = await lockShipment(tx, amendment.shipmentId)
    if (!shipment || !canSee(actor, shipment)) throw shipmentNotFound()
    if (!isEditable(shipment.status)) {
      throw new ProblemError('not_editable', `A ${shipment.status} shipment cannot be edited.`, {
        currentStatus: shipment.status,
      })
    }
    if (versions !== 'any' && !versions.includes(shipment.version)) {
      throw new ProblemError(
        'version_conflict',
        'The shipment changed since it was read; read it again and redo the edit.',
        { currentVersion: shipment.version },
      )
    }
    const { columns, changed } = editedColumns(amendment.edit, shipment)
    if (changed.length === 0) return { shipment, edited: false }
    // The row is locked: its version cannot have moved since it was read above.
    const edited = (await editShipment(tx, { ...shipment, changes: columns }))!
    await appendShipmentEvent(tx, {
      shipmentId: shipment.id,
      type: 'edited',
      actorUserId: actor.userId,
      actorRole: actor.role,
      note: `Changed ${changeWords(changed)}`,
      metadata: { changed },
    })
    await enqueueEvent(
      tx,
      shipmentEvents.edited(SOURCE, {
        ...factsOf(edited),
        changed,
        deliveryWindow: deliveryWindowOf(edited),
        previousDeliveryWindow: deliveryWindowOf(shipment),
      }),
    )
    return { shipment: edited, edited: true }
  })
  if (outcome.edited) await deps.trackingCache.invalidate(outcome.shipment.trackingNumber)
  return outcome.shipment
}
