import { LRUCache } from 'lru-cache'

/**
 * How long this process serves a view without hearing of a change: the upper bound on
 * staleness should an invalidation message be lost anyway (a replica's subscription drops
 * and comes back between two checks). Lookups of a parcel come seconds apart, so even this
 * short a time takes nearly all of them off the network.
 */
export const LOCAL_VIEW_TTL_MS = 5_000
// A view is about a kilobyte: tens of megabytes at most, however many numbers are asked for.
const MAX_VIEWS = 20_000

/** The process's own copies of public tracking views, in front of the shared layer. */
export interface LocalTrackingViews {
  /** The kept view, or `load()`'s answer, kept unless the number was forgotten meanwhile. */
  read<T>(trackingNumber: string, load: () => Promise<T>): Promise<T>
  /** After a change: the kept view goes, and a load under way is not kept. */
  forget(trackingNumber: string): void
  forgetAll(): void
  /** Whether loads may be kept: not while changes could go unheard. */
  keep(keeping: boolean): void
}

interface Load {
  view: Promise<unknown>
  /** False once the number was forgotten after the load began: its answer may be older. */
  keepable: boolean
}

/**
 * Bounded (least recently used first out) and short-lived (`ttlMs`). Concurrent
 * readers of one number share one load. A reader that loaded the old row before a writer
 * committed never puts it back after the writer's invalidation: the load is marked when its
 * number is forgotten, and a marked load is answered but not kept.
 */
export function createLocalTrackingViews(
  keeping: boolean,
  ttlMs = LOCAL_VIEW_TTL_MS,
): LocalTrackingViews {
  // Unknown numbers are kept too (as null): lru-cache holds no null, hence the box.
  const views = new LRUCache<string, { view: unknown }>({ max: MAX_VIEWS, ttl: ttlMs })
  const loads = new Map<string, Load>()
  const forget = (trackingNumber: string) => {
    views.delete(trackingNumber)
    const load = loads.get(trackingNumber)
    if (load) load.keepable = false
    loads.delete(trackingNumber)
  }
  return {
    read<T>(trackingNumber: string, load: () => Promise<T>) {
      const kept = views.get(trackingNumber)
      if (kept) return Promise.resolve(kept.view as T)
      const running = loads.get(trackingNumber)
      if (running) return running.view as Promise<T>
      const started: Load = { view: Promise.resolve(), keepable: keeping }
      started.view = load()
        .then((view) => {
          if (started.keepable) views.set(trackingNumber, { view })
          return view
        })
        .finally(() => {
          if (loads.get(trackingNumber) === started) loads.delete(trackingNumber)
        })
      loads.set(trackingNumber, started)
      return started.view as Promise<T>
    },
    forget,
    forgetAll() {
      views.clear()
      for (const trackingNumber of [...loads.keys()]) forget(trackingNumber)
    },
    keep(now) {
      keeping = now
    },
  }
}
