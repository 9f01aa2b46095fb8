import { useEffect, useState } from 'preact/hooks'
import type { Dashboard } from '../../models/dashboard'
import {
  createNewShipmentForm,
  type Field,
  type NewShipmentForm,
  type Point,
} from '../../models/new-shipment'
import { navigate } from '../../router'
import { AddressField } from '../../ui/address-field'

export function NewShipmentPanel({ dashboard }: { dashboard: Dashboard }) {
  const [form] = useState(
    () => dashboard.form.peek() ?? createNewShipmentForm(dashboard.config.timeZone),
  )
  useEffect(() => {
    dashboard.form.value = form
  }, [])

  const submit = async (event: Event) => {
    event.preventDefault()
    const created = await form.submit()
    if (created) {
      dashboard.store.put([created])
      dashboard.list.noticeNew(created)
      navigate(`/shipments/${created.id}`)
      dashboard.side.value = 'detail'
    } else {
      // Take the eye (and the screen reader) to the first field to fix.
      document.querySelector<HTMLElement>('.new-shipment [aria-invalid="true"]')?.focus()
    }
  }

  return (
    <form class="new-shipment" onSubmit={submit} noValidate aria-labelledby="new-title">
      <h2 id="new-title">New shipment</h2>
      <fieldset>
        <legend>Pickup (sender)</legend>
        <Input form={form} field="sender.name" label="Name" autocomplete="organization" />
        <Address form={form} point="pickup" />
        <Input form={form} field="sender.phone" label="Phone (optional)" type="tel" />
        <Coordinates form={form} dashboard={dashboard} point="pickup" />
      </fieldset>
      <fieldset>
        <legend>Drop-off (receiver)</legend>
        <Input form={form} field="receiver.name" label="Name" autocomplete="off" />
        <Address form={form} point="dropoff" />
        <div class="field-row">
          <Input form={form} field="receiver.phone" label="Phone (optional)" type="tel" />
          <Input form={form} field="receiver.email" label="Email (optional)" type="email" />
        </div>
        <Coordinates form={form} dashboard={dashboard} point="dropoff" />
      </fieldset>
      <fieldset>
        <legend>Parcel</legend>
        <Input form={form} field="package.description" label="Description (optional)" />
        <div class="field-row">
          <Input
            form={form}
            field="package.weightKg"
            label="Weight, kg (optional)"
            inputMode="decimal"
          />
          <Input form={form} field="reference" label="Your reference (optional)" />
        </div>
      </fieldset>
      <fieldset>
        <legend>Delivery slot, by the shop's clock (optional)</legend>
        <div class="field-row">
          <Input form={form} field="deliveryWindow.from" label="From" type="datetime-local" />
          <Input form={form} field="deliveryWindow.to" label="To" type="datetime-local" />
        </div>
        <Input form={form} field="notes" label="Notes for the driver (optional)" />
      </fieldset>
      {form.formError.value && (
        <p class="field-error" role="alert">
          {form.formError.value}
        </p>
      )}
      <div class="inline">
        <button class="button primary" type="submit" disabled={form.submitting.value}>
          {form.submitting.value ? 'Creating…' : 'Create shipment'}
        </button>
        <button class="button" type="button" onClick={() => (dashboard.side.value = 'drivers')}>
          Close
        </button>
      </div>
    </form>
  )
}

function Input({
  form,
  field,
  label,
  type = 'text',
  autocomplete,
  inputMode,
}: {
  form: NewShipmentForm
  field: Field
  label: string
  type?: 'text' | 'tel' | 'email' | 'datetime-local'
  autocomplete?: string
  inputMode?: 'decimal'
}) {
  const id = `new-${field.replace('.', '-')}`
  const error = form.errors.value[field]
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={field}
        // Preact's input types want a literal type, not a union of them.
        type={type as 'text'}
        autoComplete={autocomplete}
        inputMode={inputMode}
        value={form.values.value[field]}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => form.set(field, e.currentTarget.value)}
      />
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** The address, with suggestions that set the point too. */
function Address({ form, point }: { form: NewShipmentForm; point: Point }) {
  const field = point === 'pickup' ? 'sender.address' : 'receiver.address'
  return (
    <AddressField
      id={`new-${field.replace('.', '-')}`}
      name={field}
      label="Address"
      value={form.values.value[field]}
      error={form.errors.value[field]}
      note={form.addressNotes.value[point]}
      onInput={(value) => form.set(field, value)}
      onChoose={(place) => form.choosePlace(point, place)}
    />
  )
}

function Coordinates({
  form,
  dashboard,
  point,
}: {
  form: NewShipmentForm
  dashboard: Dashboard
  point: Point
}) {
  const party = point === 'pickup' ? 'sender' : 'receiver'
  const picking = form.picking.value === point
  return (
    <div class="coordinates">
      <div class="field-row">
        <Input form={form} field={`${party}.lat`} label="Latitude" inputMode="decimal" />
        <Input form={form} field={`${party}.lng`} label="Longitude" inputMode="decimal" />
      </div>
      <button
        class="button small"
        type="button"
        aria-pressed={picking}
        onClick={() => {
          form.picking.value = picking ? null : point
          if (!picking) dashboard.pane.value = 'map'
        }}
      >
        {picking ? 'Click the map… (cancel)' : 'Pick on the map'}
      </button>
    </div>
  )
}
