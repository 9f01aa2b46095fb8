import { signal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'
import { createStore, del, entries, set } from 'idb-keyval'
import { ApiError } from '../api/http'
import { sendFinalMove, type FinalMove } from './proof-of-delivery'

export type ProofOutbox = ReturnType<typeof createProofOutbox>

/**
 * Delivered and failed moves made offline, photos and signature included, kept in IndexedDB
 * (blobs and all, where localStorage holds only strings) and sent in the order they were
 * made once the phone is back online: on the browser's `online` event, and at start.
 */
export function createProofOutbox(
  driverId: string,
  handlers: { sent(shipment: Shipment): void; refused(move: FinalMove, error: unknown): void },
) {
  const store = createStore(`dropmate-proof-${driverId}`, 'moves')
  /** The shipments with a move waiting on the phone. */
  const waiting = signal<ReadonlySet<string>>(new Set())
  let flushing: Promise<void> | null = null

  const keyOf = (move: FinalMove) => `${move.queuedAt}|${move.id}`
  const recount = async () => {
    const queued = await entries<string, FinalMove>(store)
    waiting.value = new Set(queued.map(([, move]) => move.shipmentId))
  }

  const sendAll = async () => {
    const queued = (await entries<string, FinalMove>(store)).sort(([a], [b]) => a.localeCompare(b))
    for (const [key, move] of queued) {
      try {
        handlers.sent(await sendFinalMove(move))
      } catch (error) {
        // Still offline, or the server is struggling: keep it, and what comes after it.
        if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) break
        handlers.refused(move, error)
      }
      await del(key, store)
    }
  }

  const flush = () => {
    flushing ??= sendAll()
      .catch(() => {})
      .finally(() => {
        flushing = null
        void recount()
      })
    return flushing
  }

  const online = () => void flush()
  window.addEventListener('online', online)
  void flush()

  return {
    waiting,
    async keep(move: FinalMove) {
      await set(keyOf(move), move, store)
      await recount()
    },
    flush,
    dispose: () => window.removeEventListener('online', online),
  }
}
