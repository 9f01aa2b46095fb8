import { signal } from '@preact/signals'
import type { Place, PlaceAtPoint, PlaceSuggestions } from '@dropmate/contracts/rest/places'
import { ApiError, messageOf } from '../api/http'
import { authed } from './session'

// Fewer letters than this match half a city; a pause this long means the typist waits.
const MIN_LETTERS = 3
const PAUSE_MS = 300
const SHOWN = 5

export type AddressSearch = ReturnType<typeof createAddressSearch>

/**
 * Suggestions for an address as it is typed: asked once the typist pauses, the answer to
 * an older text dropped, and the API's word when there is no geocoder to ask (the point can
 * still be clicked on the map or typed).
 */
export function createAddressSearch() {
  const suggestions = signal<Place[]>([])
  /** The highlighted suggestion, for the keyboard; -1 when none is. */
  const active = signal(-1)
  /** Why there are no suggestions when there should be: no geocoder, nothing found. */
  const notice = signal<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asking: AbortController | undefined

  const close = () => {
    clearTimeout(timer)
    asking?.abort()
    suggestions.value = []
    active.value = -1
  }

  const ask = async (text: string) => {
    const request = new AbortController()
    asking = request
    try {
      const query = new URLSearchParams({ q: text, limit: String(SHOWN) })
      const found = await authed<PlaceSuggestions>(`/api/geocode/search?${query}`, {
        signal: request.signal,
      })
      if (request.signal.aborted) return
      suggestions.value = found.items
      active.value = -1
      notice.value = found.items.length === 0 ? 'No address found; check the spelling.' : null
    } catch (failure) {
      if (request.signal.aborted) return
      suggestions.value = []
      notice.value = unavailable(failure)
    }
  }

  /** The text in the field changed: suggestions follow once the typing pauses. */
  const typed = (text: string) => {
    close()
    notice.value = null
    if (text.trim().length < MIN_LETTERS) return
    timer = setTimeout(() => void ask(text.trim()), PAUSE_MS)
  }

  /** Moves the highlight by `step`, wrapping around. */
  const move = (step: number) => {
    const count = suggestions.peek().length
    if (count > 0) active.value = (active.peek() + step + count) % count
  }

  return { suggestions, active, notice, typed, move, close }
}

/** The address at a clicked point, or null where there is none; throws when none answers. */
export async function addressAt(lat: number, lng: number): Promise<Place | null> {
  const query = new URLSearchParams({ lat: String(lat), lng: String(lng) })
  return (await authed<PlaceAtPoint>(`/api/geocode/reverse?${query}`)).place
}

function unavailable(failure: unknown): string {
  if (failure instanceof ApiError && failure.code.startsWith('geocoder_')) {
    return 'Address search is unavailable right now: pick the point on the map or type its coordinates.'
  }
  return messageOf(failure)
}
