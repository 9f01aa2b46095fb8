import { signal } from '@preact/signals'
import { ApiError, messageOf } from '../api/http'
import { createPingQueue, encodePings, pingEvent } from './ping-queue'
import { authed } from './session'

// A ping at most this often, unless the driver moved further than MIN_MOVE_M meanwhile.
const MIN_INTERVAL_MS = 5_000
const MIN_MOVE_M = 25
const RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000]
// Sharing with no position for this long has stopped in all but name: a phone whose screen
// locked, or a browser that put the page to sleep, sends nothing and says nothing.
const STALLED_MS = 60_000
const CHECK_MS = 10_000

export type LocationSharing = ReturnType<typeof createLocationSharing>

/**
 * Shares the driver's position from the browser's Geolocation as CloudEvent pings. Pings
 * queue (in localStorage) while the phone is offline or the API is unreachable and go as
 * one batch when it is back.
 */
export function createLocationSharing(driverId: string) {
  const sharing = signal(false)
  const error = signal<string | null>(null)
  const waiting = signal(0)
  const lastSentAt = signal<string | null>(null)
  const lastFix = signal<{ lat: number; lng: number; at: number } | null>(null)
  /** While sharing: since when no position came, once that is past STALLED_MS. */
  const stalledSince = signal<number | null>(null)
  let startedAt = 0
  const queue = createPingQueue(localStorage, `dropmate.pings.${driverId}`)
  waiting.value = queue.size
  let watch: number | undefined
  let sending = false
  let failures = 0
  let retry: ReturnType<typeof setTimeout> | undefined

  const flush = async () => {
    clearTimeout(retry)
    if (sending || queue.size === 0) return
    sending = true
    const batch = queue.next()
    const { contentType, body } = encodePings(batch)
    try {
      await authed('/api/locations', {
        method: 'POST',
        body,
        headers: { 'content-type': contentType },
      })
      queue.remove(batch)
      failures = 0
      lastSentAt.value = new Date().toISOString()
      error.value = null
    } catch (failure) {
      const forGood =
        failure instanceof ApiError &&
        failure.status >= 400 &&
        failure.status < 500 &&
        failure.status !== 401 &&
        failure.status !== 408 &&
        failure.status !== 429
      if (forGood) {
        // Refused as it is (too old, malformed): sending it again cannot help.
        queue.remove(batch)
        error.value = messageOf(failure)
      } else {
        retry = setTimeout(flush, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)])
      }
    } finally {
      sending = false
      waiting.value = queue.size
    }
    if (failures === 0 && queue.size > 0) void flush()
  }

  const onPosition = (position: GeolocationPosition) => {
    const { latitude, longitude } = position.coords
    const last = lastFix.peek()
    const moved = last ? metres(last, { lat: latitude, lng: longitude }) : Infinity
    if (last && position.timestamp - last.at < MIN_INTERVAL_MS && moved < MIN_MOVE_M) return
    lastFix.value = { lat: latitude, lng: longitude, at: position.timestamp }
    stalledSince.value = null
    queue.add(pingEvent(driverId, position.coords, new Date(position.timestamp)))
    waiting.value = queue.size
    error.value = null
    if (navigator.onLine) void flush()
  }

  const onError = (failure: GeolocationPositionError) => {
    error.value =
      failure.code === failure.PERMISSION_DENIED
        ? 'Location is blocked for this site. Allow it in the browser settings to share it.'
        : 'Your position is not available right now; still trying.'
    if (failure.code === failure.PERMISSION_DENIED) stop()
  }

  const start = () => {
    if (!('geolocation' in navigator)) {
      error.value = 'This browser cannot share its location.'
      return
    }
    if (!isSecureContext) {
      error.value = 'Location needs a secure (https) address.'
      return
    }
    sharing.value = true
    error.value = null
    startedAt = Date.now()
    watch = navigator.geolocation.watchPosition(onPosition, onError, {
      enableHighAccuracy: true,
      maximumAge: 5_000,
      timeout: 30_000,
    })
  }

  function stop() {
    sharing.value = false
    stalledSince.value = null
    if (watch !== undefined) navigator.geolocation.clearWatch(watch)
    watch = undefined
  }

  const checkStalled = () => {
    if (!sharing.peek()) return
    const since = Math.max(lastFix.peek()?.at ?? 0, startedAt)
    stalledSince.value = Date.now() - since > STALLED_MS ? since : null
  }
  const stalledCheck = setInterval(checkStalled, CHECK_MS)
  const online = () => void flush()
  addEventListener('online', online)
  // Coming back to the screen is when a pause shows; say so at once, not at the next check.
  document.addEventListener('visibilitychange', checkStalled)
  void flush()

  return {
    sharing,
    error,
    waiting,
    lastSentAt,
    lastFix,
    stalledSince,
    start,
    stop,
    flush,
    dispose() {
      stop()
      clearTimeout(retry)
      clearInterval(stalledCheck)
      removeEventListener('online', online)
      document.removeEventListener('visibilitychange', checkStalled)
    },
  }
}

function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const k = Math.PI / 180
  const x = (b.lng - a.lng) * k * Math.cos(((a.lat + b.lat) / 2) * k)
  const y = (b.lat - a.lat) * k
  return Math.sqrt(x * x + y * y) * 6_371_000
}
