import type { Place } from '@dropmate/contracts/rest/places'
import { useEffect, useState } from 'preact/hooks'
import { createAddressSearch } from '../models/address-search'

export interface AddressFieldProps {
  id: string
  name?: string
  label: string
  value: string
  error?: string | undefined
  /** Something to say under the field from elsewhere (a map click it could not fill). */
  note?: string | undefined
  onInput(value: string): void
  /** A suggestion was chosen: its address and point. */
  onChoose(place: Place): void
}

/**
 * An address input that suggests addresses as it is typed (GET /api/geocode/search), as an
 * ARIA combobox: arrows move through the suggestions, Enter or a click chooses one, Escape
 * closes them. Without a geocoder it says so, and the point can still be set another way.
 */
export function AddressField({
  id,
  name,
  label,
  value,
  error,
  note,
  onInput,
  onChoose,
}: AddressFieldProps) {
  const [search] = useState(createAddressSearch)
  useEffect(() => search.close, [])
  const listId = `${id}-suggestions`
  const items = search.suggestions.value
  const active = search.active.value
  const open = items.length > 0
  const notice = search.notice.value ?? note

  const choose = (place: Place) => {
    search.close()
    onChoose(place)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      search.move(event.key === 'ArrowDown' ? 1 : -1)
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault()
      choose(items[active]!)
    } else if (event.key === 'Escape' && open) {
      event.preventDefault()
      search.close()
    }
  }

  const described = [notice && `${id}-notice`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class="field address-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        value={value}
        onInput={(event) => {
          onInput(event.currentTarget.value)
          search.typed(event.currentTarget.value)
        }}
        onKeyDown={onKeyDown}
        onBlur={search.close}
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!open}>
        {items.map((place, i) => (
          <li
            key={`${place.label}${place.lat}${place.lng}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Before the input's blur, which would close the list under the pointer.
            onMouseDown={(event) => {
              event.preventDefault()
              choose(place)
            }}
          >
            {place.label}
          </li>
        ))}
      </ul>
      {notice && (
        <p id={`${id}-notice`} class="field-note" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
