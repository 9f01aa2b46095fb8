import { signal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'
import { createStore, del, entries, set } from 'idb-keyval'
import { ApiError } from '../api/http'
import { sendFinalMove, type FinalMove } from './proof-of-delivery'

export type ProofOutbox = ReturnType<typeof createProofOutbox>

// While moves wait, tried again this long after each try: a server that answered 5xx, or a
// network the browser calls online that reaches nothing, fires no `online` event.
const RETRY_MS = [5_000, 15_000, 30_000, 60_000]

/**
 * Delivered and failed moves made offline, photos and signature included, kept in IndexedDB
 * (blobs and all, where localStorage holds only strings) and sent in the order they were
 * made once the phone is back online: on the browser's `online` event, at start, and again
 * and again while any wait.
 */
export function createProofOutbox(
  driverId: string,
  handlers: { sent(shipment: Shipment): void; refused(move: FinalMove, error: unknown): void },
) {
  const store = createStore(`dropmate-proof-${driverId}`, 'moves')
  /** The shipments with a move waiting on the phone. */
  const waiting = signal<ReadonlySet<string>>(new Set())
  let flushing: Promise<void> | null = null
  let tries = 0
  let retry: ReturnType<typeof setTimeout> | undefined

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
    clearTimeout(retry)
    flushing ??= sendAll()
      .catch(() => {})
      .then(recount)
      .finally(() => {
        flushing = null
        if (waiting.peek().size === 0) tries = 0
        else tryAgainLater()
      })
    return flushing
  }
  const tryAgainLater = () => {
    clearTimeout(retry)
    retry = setTimeout(flush, RETRY_MS[Math.min(tries++, RETRY_MS.length - 1)])
  }

  const online = () => void flush()
  window.addEventListener('online', online)
  void flush()

  return {
    waiting,
    async keep(move: FinalMove) {
      await set(keyOf(move), move, store)
      await recount()
      tryAgainLater()
    },
    flush,
    dispose: () => {
      clearTimeout(retry)
      window.removeEventListener('online', online)
    },
  }
}
