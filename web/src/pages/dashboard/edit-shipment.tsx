import { useSignal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'
import type { ShipmentDetail, ShipmentEdit } from '../../models/shipment-detail'
import { AddressField } from '../../ui/address-field'
import { fromShopLocal, toShopLocal } from '../../ui/shop-clock'

type Values = Record<(typeof FIELDS)[number]['name'], string>

const FIELDS = [
  { name: 'name', label: 'Receiver' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'address', label: 'Drop-off address' },
  { name: 'lat', label: 'Latitude', inputMode: 'decimal' },
  { name: 'lng', label: 'Longitude', inputMode: 'decimal' },
  { name: 'notes', label: 'Notes for the driver' },
  { name: 'slotFrom', label: 'Slot from', type: 'datetime-local' },
  { name: 'slotTo', label: 'Slot to', type: 'datetime-local' },
] as const

function valuesOf(shipment: Shipment, timeZone: string): Values {
  const { receiver, deliveryWindow } = shipment
  return {
    name: receiver.name,
    phone: receiver.phone ?? '',
    email: receiver.email ?? '',
    address: receiver.address,
    lat: String(receiver.lat),
    lng: String(receiver.lng),
    notes: shipment.notes ?? '',
    slotFrom: deliveryWindow ? toShopLocal(deliveryWindow.from, timeZone) : '',
    slotTo: deliveryWindow ? toShopLocal(deliveryWindow.to, timeZone) : '',
  }
}

/** The whole form as an edit: the server leaves what did not change alone. */
function editOf(values: Values, timeZone: string): ShipmentEdit {
  const slot = values.slotFrom && values.slotTo
  return {
    receiver: {
      name: values.name.trim(),
      phone: values.phone.trim() || null,
      email: values.email.trim() || null,
      address: values.address.trim(),
      lat: Number(values.lat),
      lng: Number(values.lng),
    },
    notes: values.notes.trim() || null,
    deliveryWindow: slot
      ? {
          from: fromShopLocal(values.slotFrom, timeZone),
          to: fromShopLocal(values.slotTo, timeZone),
        }
      : null,
  }
}

/** Edits the receiver, drop-off, notes and slot before pickup; slot times by the shop's clock. */
export function EditShipment({
  detail,
  shipment,
  timeZone,
}: {
  detail: ShipmentDetail
  shipment: Shipment
  timeZone: string
}) {
  const values = useSignal<Values | null>(null)
  if (!values.value) {
    return (
      <button
        class="button small"
        type="button"
        onClick={() => (values.value = valuesOf(shipment, timeZone))}
      >
        Edit shipment…
      </button>
    )
  }
  const current = values.value
  return (
    <form
      class="edit-shipment"
      aria-label="Edit the shipment"
      onSubmit={async (e) => {
        e.preventDefault()
        if (await detail.edit(editOf(current, timeZone))) values.value = null
      }}
    >
      <p class="meta">Slot times are the shop's ({timeZone}).</p>
      {FIELDS.map((field) =>
        field.name === 'address' ? (
          <AddressField
            key={field.name}
            id="edit-address"
            name="address"
            label={field.label}
            value={current.address}
            onInput={(address) => (values.value = { ...values.peek()!, address })}
            onChoose={(place) =>
              (values.value = {
                ...values.peek()!,
                address: place.label,
                lat: String(place.lat),
                lng: String(place.lng),
              })
            }
          />
        ) : (
          <div class="field" key={field.name}>
            <label for={`edit-${field.name}`}>{field.label}</label>
            <input
              id={`edit-${field.name}`}
              name={field.name}
              type={('type' in field ? field.type : 'text') as 'text'}
              inputMode={'inputMode' in field ? field.inputMode : undefined}
              value={current[field.name]}
              onInput={(e) => (values.value = { ...current, [field.name]: e.currentTarget.value })}
            />
          </div>
        ),
      )}
      <div class="inline">
        <button class="button primary" type="submit" disabled={detail.acting.value}>
          Save changes
        </button>
        <button class="button" type="button" onClick={() => (values.value = null)}>
          Discard
        </button>
      </div>
    </form>
  )
}
