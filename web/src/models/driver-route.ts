import { signal } from '@preact/signals'
import type { DriverRoute } from '@dropmate/contracts/rest/routes'
import { messageOf } from '../api/http'
import { authed } from './session'

// Several shipment events often arrive together (an assignment, then its status): one
// request for the lot.
const RELOAD_DELAY_MS = 300

export type RouteModel = ReturnType<typeof createRouteModel>

/**
 * A driver's stops in route order, as the server orders them (`GET /api/drivers/:id/route`).
 * `reloadSoon` after anything that changes the driver's deliveries; `driverId` may change
 * (the dashboard shows one driver's route at a time) or be null (none).
 */
export function createRouteModel(initialDriverId: string | null) {
  const driverId = signal(initialDriverId)
  const route = signal<DriverRoute | null>(null)
  const error = signal<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  const load = async () => {
    const id = driverId.peek()
    const ask = ++asked
    if (!id) {
      route.value = null
      return
    }
    try {
      const answer = await authed<DriverRoute>(`/api/drivers/${id}/route`)
      // An older answer arriving last must not replace a newer one.
      if (ask !== asked) return
      route.value = answer
      error.value = null
    } catch (failure) {
      if (ask === asked) error.value = messageOf(failure)
    }
  }

  const reloadSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void load(), RELOAD_DELAY_MS)
  }

  /** Asks again if the route in hand was worked out more than `ms` ago (the driver moved on). */
  const refreshIfOlderThan = (ms: number) => {
    const computedAt = route.peek()?.computedAt
    if (computedAt && Date.now() - Date.parse(computedAt) > ms) reloadSoon()
  }

  /** Shows `id`'s route (null: none). */
  const show = (id: string | null) => {
    driverId.value = id
    if (route.peek()?.driverId !== id) route.value = null
    void load()
  }

  return {
    driverId,
    route,
    error,
    load,
    reloadSoon,
    refreshIfOlderThan,
    show,
    dispose: () => clearTimeout(timer),
  }
}
