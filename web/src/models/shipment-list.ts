import type { ShipmentStatus } from '@dropmate/core/status-machine'
import type { ShipmentUpdate } from '@dropmate/contracts/sockets'
import { computed, signal } from '@preact/signals'
import { messageOf } from '../api/http'
import type { Shipment, ShipmentPage, StatusCounts } from '@dropmate/contracts/rest'
import { authed } from './session'
import type { ShipmentStore } from './shipment-store'

export interface ListFilters {
  /** A fragment of a tracking number or receiver name. */
  q: string
  statuses: ShipmentStatus[]
}

const PAGE_SIZE = 25

export type ShipmentList = ReturnType<typeof createShipmentList>

/**
 * The dashboard's shipments list: filters, cursor pages, counts per status. Rows live in the
 * store; the list keeps their order. New shipments arriving live go on top when they match.
 */
export function createShipmentList(store: ShipmentStore) {
  const filters = signal<ListFilters>({ q: '', statuses: [] })
  const ids = signal<string[]>([])
  const nextCursor = signal<string | null>(null)
  const counts = signal<StatusCounts | null>(null)
  const loading = signal(true)
  const error = signal<string | null>(null)
  const loadingMore = signal(false)
  const moreError = signal<string | null>(null)
  const items = computed(() =>
    ids.value.map((id) => store.byId.value.get(id)).filter((s): s is Shipment => Boolean(s)),
  )
  let generation = 0

  const query = (cursor: string | null) => {
    const { q, statuses } = filters.peek()
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (q.trim()) params.set('q', q.trim())
    if (statuses.length > 0) params.set('status', statuses.join(','))
    if (cursor) params.set('cursor', cursor)
    else params.set('counts', 'true')
    return `/api/shipments?${params}`
  }

  /** The first page for the current filters; answers to older filters are dropped. */
  const load = async () => {
    const mine = ++generation
    loading.value = true
    error.value = null
    try {
      const page = await authed<ShipmentPage>(query(null))
      if (mine !== generation) return
      store.put(page.items)
      ids.value = page.items.map((s) => s.id)
      nextCursor.value = page.nextCursor
      if (page.counts) counts.value = page.counts
    } catch (failure) {
      if (mine === generation) error.value = messageOf(failure)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const loadMore = async () => {
    const cursor = nextCursor.peek()
    if (!cursor || loadingMore.peek()) return
    const mine = generation
    loadingMore.value = true
    moreError.value = null
    try {
      const page = await authed<ShipmentPage>(query(cursor))
      if (mine !== generation) return
      store.put(page.items)
      const known = new Set(ids.peek())
      ids.value = [...ids.peek(), ...page.items.map((s) => s.id).filter((id) => !known.has(id))]
      nextCursor.value = page.nextCursor
    } catch (failure) {
      if (mine === generation) moreError.value = messageOf(failure)
    } finally {
      loadingMore.value = false
    }
  }

  const setFilters = (next: Partial<ListFilters>) => {
    filters.value = { ...filters.peek(), ...next }
    void load()
  }

  const matches = (shipment: Shipment) => {
    const { q, statuses } = filters.peek()
    const text = q.trim().toLowerCase()
    if (statuses.length > 0 && !statuses.includes(shipment.status)) return false
    return (
      !text ||
      shipment.trackingNumber.toLowerCase().includes(text) ||
      shipment.receiver.name.toLowerCase().includes(text)
    )
  }

  /** A shipment created elsewhere (version 1) joins the top of the list if it matches. */
  const noticeNew = (shipment: Shipment) => {
    if (shipment.version !== 1 || ids.peek().includes(shipment.id) || !matches(shipment)) return
    ids.value = [shipment.id, ...ids.peek()]
  }

  let countsTimer: ReturnType<typeof setTimeout> | undefined
  /** Counts come from the server (they are global, not per filter), a moment after changes. */
  const recount = () => {
    clearTimeout(countsTimer)
    countsTimer = setTimeout(() => {
      authed<ShipmentPage>('/api/shipments?limit=1&counts=true').then(
        (page) => page.counts && (counts.value = page.counts),
        () => {},
      )
    }, 800)
  }

  const onUpdate = (_update: ShipmentUpdate) => recount()

  return {
    filters,
    items,
    nextCursor,
    counts,
    loading,
    error,
    loadingMore,
    moreError,
    load,
    loadMore,
    setFilters,
    noticeNew,
    onUpdate,
    dispose: () => clearTimeout(countsTimer),
  }
}
