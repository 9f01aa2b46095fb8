import { computed, signal } from '@preact/signals'
import type { ShipmentStatus } from '@dropmate/core/status-machine'
import { isTerminal } from '@dropmate/core/status-machine'
import { ApiError, messageOf } from '../api/http'
import type { Driver, Shipment, ShipmentPage } from '@dropmate/contracts/rest'
import type { DutyStatus } from '@dropmate/core/fleet'
import { createRouteModel } from './driver-route'
import { keptDeliveries } from './kept-deliveries'
import { sendFinalMove, type CapturedProof, type FinalMove } from './proof-of-delivery'
import { createProofOutbox } from './proof-outbox'
import { connectApp } from './live'
import { stopsInRouteOrder } from './route-stops'
import { accessToken, authed } from './session'

const OPEN = 'assigned,picked_up,in_transit,failed'
// The one on the road first, then what is in the bag, then what still waits at the shop.
const ORDER: Partial<Record<ShipmentStatus, number>> = {
  in_transit: 0,
  failed: 1,
  picked_up: 2,
  assigned: 3,
}

export type DriverWork = ReturnType<typeof createDriverWork>

/**
 * The driver view's state: duty status, the driver's open deliveries as numbered stops in
 * route order (the server's, reloaded whenever a delivery changes), and the moves through
 * pickup → in transit → delivered or failed.
 */
export function createDriverWork(driverId: string) {
  const dutyKey = `dropmate.duty.${driverId}`
  /** The server's word (a dispatcher may change it too); until it answers, the last one known. */
  const duty = signal<DutyStatus | null>((localStorage.getItem(dutyKey) as DutyStatus) ?? null)
  const knowDuty = (status: DutyStatus) => {
    duty.value = status
    localStorage.setItem(dutyKey, status)
  }
  const dutyError = signal<string | null>(null)
  const byId = signal<ReadonlyMap<string, Shipment>>(new Map())
  const loading = signal(true)
  const error = signal<string | null>(null)
  const kept = keptDeliveries(driverId)
  /** Set while the deliveries shown are the copy kept on the phone: as of when. */
  const keptAt = signal<string | null>(null)
  const busyId = signal<string | null>(null)
  const actionError = signal<{ id: string; message: string } | null>(null)

  const deliveries = computed(() =>
    [...byId.value.values()]
      .filter((s) => !isTerminal(s.status))
      .sort(
        (a, b) =>
          (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) ||
          (a.assignedAt ?? a.createdAt).localeCompare(b.assignedAt ?? b.createdAt),
      ),
  )

  const route = createRouteModel(driverId)
  const stops = computed(() => stopsInRouteOrder(deliveries.value, route.route.value))

  const know = (next: ReadonlyMap<string, Shipment>) => {
    byId.value = next
    kept.keep([...next.values()])
    route.reloadSoon()
  }
  const put = (shipment: Shipment) => {
    const known = byId.peek().get(shipment.id)
    if (known && known.version > shipment.version) return
    know(new Map(byId.peek()).set(shipment.id, shipment))
  }
  const drop = (id: string) => {
    if (!byId.peek().has(id)) return
    const next = new Map(byId.peek())
    next.delete(id)
    know(next)
  }

  const load = async () => {
    error.value = null
    try {
      const [page, me] = await Promise.all([
        authed<ShipmentPage>(`/api/shipments?status=${OPEN}&limit=100`),
        // A driver is shown only themselves.
        authed<{ items: Driver[] }>('/api/drivers'),
      ])
      byId.value = new Map(page.items.map((s) => [s.id, s]))
      kept.keep(page.items)
      keptAt.value = null
      void route.load()
      if (me.items[0]) knowDuty(me.items[0].dutyStatus)
    } catch (failure) {
      const copy = failure instanceof ApiError && failure.status === 0 ? kept.read() : null
      if (copy) {
        // No connection: the deliveries as last known, said to be so, until it is back.
        byId.value = new Map(copy.items.map((s) => [s.id, s]))
        keptAt.value = copy.at
      } else error.value = messageOf(failure)
    } finally {
      loading.value = false
    }
  }

  const fetchOne = (id: string) =>
    authed<Shipment>(`/api/shipments/${id}`).then(put, () => drop(id))

  const setDuty = async (to: DutyStatus) => {
    dutyError.value = null
    try {
      const me = await authed<Driver>(`/api/drivers/${driverId}`, {
        method: 'PATCH',
        json: { dutyStatus: to },
      })
      knowDuty(me.dutyStatus)
    } catch (failure) {
      dutyError.value = messageOf(failure)
    }
  }

  const move = async (
    id: string,
    status: 'picked_up' | 'in_transit' | 'delivered' | 'failed',
    extra: { reason?: string; position?: { lat: number; lng: number } } = {},
  ) => {
    busyId.value = id
    actionError.value = null
    try {
      put(
        await authed<Shipment>(`/api/shipments/${id}/status`, {
          method: 'PATCH',
          json: { status, ...extra },
        }),
      )
      return true
    } catch (failure) {
      actionError.value = { id, message: messageOf(failure) }
      return false
    } finally {
      busyId.value = null
    }
  }

  const outbox = createProofOutbox(driverId, {
    sent: put,
    refused: (move, failure) => {
      actionError.value = { id: move.shipmentId, message: messageOf(failure) }
    },
  })

  /**
   * Delivered or failed, with what was captured at the door. Offline, the move and its files
   * stay on the phone and go when it is back online: the driver carries on meanwhile.
   */
  const finish = async (
    id: string,
    status: FinalMove['status'],
    extra: Pick<FinalMove, 'reason' | 'position'>,
    proof: CapturedProof | null,
  ) => {
    busyId.value = id
    actionError.value = null
    const move: FinalMove = {
      id: crypto.randomUUID(),
      shipmentId: id,
      status,
      ...extra,
      proof,
      queuedAt: new Date().toISOString(),
    }
    try {
      // Anything already waiting goes first: moves reach the server in the order made.
      if (outbox.waiting.peek().size > 0) await outbox.flush()
      if (outbox.waiting.peek().size > 0) await outbox.keep(move)
      else put(await sendFinalMove(move))
      return true
    } catch (failure) {
      // No connection, or a server that cannot take it now: the phone keeps it and tries again.
      if (failure instanceof ApiError && (failure.status === 0 || failure.status >= 500)) {
        await outbox.keep(move)
        return true
      }
      actionError.value = { id, message: messageOf(failure) }
      return false
    } finally {
      busyId.value = null
    }
  }

  const live = connectApp(accessToken, { onResync: () => void load() })
  live.socket.on('shipment_assigned', (assignment) => {
    if (assignment.driverId === driverId) void fetchOne(assignment.shipmentId)
    else drop(assignment.shipmentId)
  })
  live.socket.on('shipment_updated', (update) => {
    const known = byId.peek().get(update.shipmentId)
    if (!known) {
      if (update.driverId === driverId && !isTerminal(update.status))
        void fetchOne(update.shipmentId)
      return
    }
    if (known.version >= update.version) return
    if (update.driverId !== driverId) return drop(update.shipmentId)
    put({ ...known, status: update.status, version: update.version, updatedAt: update.at })
  })

  live.socket.on('driver_status_changed', (change) => {
    if (change.driverId === driverId) knowDuty(change.to)
  })

  // Back online: the server's word replaces the kept copy.
  const reconnected = () => {
    if (keptAt.peek()) void load()
  }
  addEventListener('online', reconnected)
  void load()

  return {
    duty,
    dutyError,
    deliveries,
    stops,
    route,
    loading,
    error,
    keptAt,
    busyId,
    actionError,
    link: live.state,
    load,
    setDuty,
    move,
    finish,
    /** Shipments whose delivered or failed move waits on the phone for a connection. */
    waiting: outbox.waiting,
    dispose: () => {
      removeEventListener('online', reconnected)
      outbox.dispose()
      live.close()
      route.dispose()
    },
  }
}
