import { computed, signal } from '@preact/signals'
import { ApiError, messageOf } from '../api/http'
import type { NewShipment, Shipment } from '@dropmate/contracts/rest'
import type { Place } from '@dropmate/contracts/rest/places'
import { addressAt } from './address-search'
import { fromShopLocal } from '../ui/shop-clock'
import { authed } from './session'

export type Point = 'pickup' | 'dropoff'

const FIELDS = [
  'reference',
  'sender.name',
  'sender.phone',
  'sender.address',
  'sender.lat',
  'sender.lng',
  'receiver.name',
  'receiver.phone',
  'receiver.email',
  'receiver.address',
  'receiver.lat',
  'receiver.lng',
  'package.weightKg',
  'package.description',
  'notes',
  'deliveryWindow.from',
  'deliveryWindow.to',
] as const
export type Field = (typeof FIELDS)[number]

const SENDER_KEY = 'dropmate.sender'
const PHONE = /^\+?[0-9 ()-]{6,20}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const blank = (): Record<Field, string> =>
  Object.fromEntries(FIELDS.map((field) => [field, ''])) as Record<Field, string>

/** The shop sends almost every parcel: its details are remembered from the last one. */
function rememberedSender(): Partial<Record<Field, string>> {
  try {
    return JSON.parse(localStorage.getItem(SENDER_KEY) ?? '{}') as Partial<Record<Field, string>>
  } catch {
    return {}
  }
}

export type NewShipmentForm = ReturnType<typeof createNewShipmentForm>

/**
 * The create-shipment form: values as typed, checks that name the field (the same rules
 * as the API's schema), pickup and drop-off set by typing or by clicking the map, and the
 * API's own field errors shown where they belong. Slot times are typed by the shop's clock
 * (`timeZone`).
 */
export function createNewShipmentForm(timeZone = 'UTC') {
  const values = signal<Record<Field, string>>({ ...blank(), ...rememberedSender() })
  const errors = signal<Partial<Record<Field, string>>>({})
  const formError = signal<string | null>(null)
  const submitting = signal(false)
  /** Which point a click on the map sets, if any. */
  const picking = signal<Point | null>(null)
  /** What to say under an address a map click could not fill. */
  const addressNotes = signal<Partial<Record<Point, string>>>({})
  /** The place of the suggestion chosen last, which the map brings into view. */
  const chosen = signal<Place | null>(null)
  // One key per shipment: a retried submit after a dropped answer does not create two.
  let idempotencyKey = crypto.randomUUID()

  /** Points whose address came from the geocoder, which a later click may replace. */
  const geocoded = new Set<Point>()

  const set = (field: Field, value: string) => {
    values.value = { ...values.peek(), [field]: value }
    if (errors.peek()[field]) errors.value = { ...errors.peek(), [field]: undefined }
    const which =
      field === 'sender.address' ? 'pickup' : field === 'receiver.address' ? 'dropoff' : null
    if (which) {
      geocoded.delete(which)
      noteAddress(which, undefined)
    }
  }

  const noteAddress = (which: Point, note: string | undefined) => {
    if (addressNotes.peek()[which] !== note)
      addressNotes.value = { ...addressNotes.peek(), [which]: note }
  }

  const point = (which: Point) => {
    const party = which === 'pickup' ? 'sender' : 'receiver'
    const lat = Number(values.value[`${party}.lat`])
    const lng = Number(values.value[`${party}.lng`])
    const typed = values.value[`${party}.lat`] !== '' && values.value[`${party}.lng`] !== ''
    return typed && inRange(lat, 90) && inRange(lng, 180) ? { lat, lng } : null
  }
  const pickup = computed(() => point('pickup'))
  const dropoff = computed(() => point('dropoff'))

  const setPoint = (which: Point, lat: number, lng: number) => {
    const party = which === 'pickup' ? 'sender' : 'receiver'
    set(`${party}.lat`, lat.toFixed(5))
    set(`${party}.lng`, lng.toFixed(5))
    picking.value = null
  }

  /** A suggested address was chosen: it sets the address and the point alike. */
  const choosePlace = (which: Point, place: Place) => {
    const party = which === 'pickup' ? 'sender' : 'receiver'
    setPoint(which, place.lat, place.lng)
    set(`${party}.address`, place.label)
    geocoded.add(which)
    chosen.value = place
  }

  /**
   * A click on the map set the point: the address there fills the field, unless someone
   * typed one (a click that only moves the pin to the right door keeps their words).
   */
  const pointFromMap = async (which: Point, lat: number, lng: number) => {
    const party = which === 'pickup' ? 'sender' : 'receiver'
    setPoint(which, lat, lng)
    if (values.peek()[`${party}.address`].trim() !== '' && !geocoded.has(which)) return
    let place: Place | null
    try {
      place = await addressAt(lat, lng)
    } catch {
      // The point is set all the same; only its address is left to the typist.
      noteAddress(which, 'The address of this point cannot be looked up right now: type it.')
      return
    }
    if (point(which)?.lat !== Number(lat.toFixed(5))) return
    if (!place) return noteAddress(which, 'No address is known at this point: type it.')
    set(`${party}.address`, place.label)
    geocoded.add(which)
  }

  const validate = (): Partial<Record<Field, string>> => {
    const v = values.peek()
    const found: Partial<Record<Field, string>> = {}
    for (const party of ['sender', 'receiver'] as const) {
      if (!v[`${party}.name`].trim()) found[`${party}.name`] = 'Enter a name.'
      if (!v[`${party}.address`].trim()) found[`${party}.address`] = 'Enter an address.'
      const phone = v[`${party}.phone`].trim()
      if (phone && !PHONE.test(phone)) found[`${party}.phone`] = 'Use digits, spaces, + ( ) -.'
      const lat = v[`${party}.lat`].trim()
      const lng = v[`${party}.lng`].trim()
      if (lat === '' || !inRange(Number(lat), 90))
        found[`${party}.lat`] = 'A latitude from -90 to 90, or click the map.'
      if (lng === '' || !inRange(Number(lng), 180))
        found[`${party}.lng`] = 'A longitude from -180 to 180, or click the map.'
    }
    const email = v['receiver.email'].trim()
    if (email && !EMAIL.test(email)) found['receiver.email'] = 'Enter an email address.'
    const [from, to] = [v['deliveryWindow.from'], v['deliveryWindow.to']]
    if (from && !to) found['deliveryWindow.to'] = 'Give the end of the slot too.'
    if (to && !from) found['deliveryWindow.from'] = 'Give the start of the slot too.'
    if (from && to && to <= from) found['deliveryWindow.to'] = 'End the slot after it starts.'
    const weight = v['package.weightKg'].trim()
    if (weight && !(Number(weight) > 0 && Number(weight) <= 1000))
      found['package.weightKg'] = 'More than 0 and at most 1000 kg.'
    return found
  }

  const body = (): NewShipment => {
    const v = values.peek()
    const text = (field: Field) => v[field].trim() || undefined
    const party = (p: 'sender' | 'receiver') => ({
      name: v[`${p}.name`].trim(),
      address: v[`${p}.address`].trim(),
      lat: Number(v[`${p}.lat`]),
      lng: Number(v[`${p}.lng`]),
      ...(text(`${p}.phone`) && { phone: text(`${p}.phone`) }),
      ...(p === 'receiver' && text('receiver.email') && { email: text('receiver.email') }),
    })
    const weight = text('package.weightKg')
    const description = text('package.description')
    const slot = v['deliveryWindow.from'] && v['deliveryWindow.to']
    return {
      ...(text('notes') && { notes: text('notes') }),
      ...(slot && {
        deliveryWindow: {
          from: fromShopLocal(v['deliveryWindow.from'], timeZone),
          to: fromShopLocal(v['deliveryWindow.to'], timeZone),
        },
      }),
      ...(text('reference') && { reference: text('reference') }),
      sender: party('sender'),
      receiver: party('receiver'),
      ...((weight || description) && {
        package: {
          ...(weight && { weightKg: Number(weight) }),
          ...(description && { description }),
        },
      }),
    }
  }

  /** The created shipment, or null with the errors shown. */
  const submit = async (): Promise<Shipment | null> => {
    formError.value = null
    const found = validate()
    errors.value = found
    if (Object.keys(found).length > 0) {
      formError.value = 'Some fields need attention.'
      return null
    }
    submitting.value = true
    try {
      const created = await authed<Shipment>('/api/shipments', {
        method: 'POST',
        json: body(),
        headers: { 'idempotency-key': idempotencyKey },
      })
      const v = values.peek()
      const sender = Object.fromEntries(
        FIELDS.filter((f) => f.startsWith('sender.')).map((f) => [f, v[f]]),
      )
      localStorage.setItem(SENDER_KEY, JSON.stringify(sender))
      values.value = { ...blank(), ...sender }
      idempotencyKey = crypto.randomUUID()
      return created
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.length > 0) {
        errors.value = Object.fromEntries(
          failure.fieldErrors
            .filter((e) => (FIELDS as readonly string[]).includes(e.field))
            .map((e) => [e.field, e.message]),
        )
      }
      formError.value = messageOf(failure)
      return null
    } finally {
      submitting.value = false
    }
  }

  return {
    values,
    errors,
    formError,
    submitting,
    picking,
    chosen,
    addressNotes,
    pickup,
    dropoff,
    set,
    setPoint,
    choosePlace,
    pointFromMap,
    submit,
  }
}

function inRange(value: number, limit: number) {
  return Number.isFinite(value) && value >= -limit && value <= limit
}
