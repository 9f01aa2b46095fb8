import type { Alert, Notice } from './alert'

interface Window {
  latest: Alert
  /** Occurrences within this window, the one sent at once included. */
  occurrences: number
  /** Occurrences no notice told about yet. */
  unsent: number
  openedAt: number
  timer: NodeJS.Timeout
}

export interface Deduplicator {
  raise(alert: Alert): void
  /** Sends what the open windows counted so far: a restart must not swallow their repeats. */
  flush(): void
}

/**
 * Folds repeats of an alert (same subject and kind) within `windowMs`: the first goes out at
 * once, the repeats as one follow-up with their count when the window ends. While the
 * repeats go on, each further window sends one follow-up, so a flapping service sends an
 * email per window and not one per restart.
 *
 * @example
 * const dedup = createDeduplicator({ windowMs: 600_000, notify: notifier.notify })
 * dedup.raise(alert) // notified now; the same alert again within 10 minutes is counted
 */
export function createDeduplicator(options: {
  windowMs: number
  notify: (notice: Notice) => void
}): Deduplicator {
  const { windowMs, notify } = options
  const windows = new Map<string, Window>()

  const open = (key: string, latest: Alert, occurrences: number) => {
    const timer = setTimeout(() => close(key, windowMs, true), windowMs)
    windows.set(key, { latest, occurrences, unsent: 0, openedAt: Date.now(), timer })
  }

  function close(key: string, periodMs: number, reopen: boolean) {
    const window = windows.get(key)!
    clearTimeout(window.timer)
    windows.delete(key)
    if (window.unsent === 0) return
    const { latest: alert, occurrences } = window
    notify({ alert, followUp: true, occurrences, periodMs })
    if (reopen) open(key, alert, 0)
  }

  return {
    raise(alert) {
      const key = `${alert.subject} ${alert.kind}`
      const window = windows.get(key)
      if (window) {
        window.latest = alert
        window.occurrences++
        window.unsent++
        return
      }
      notify({ alert, followUp: false, occurrences: 1, periodMs: 0 })
      open(key, alert, 1)
    },
    flush() {
      for (const [key, window] of windows) close(key, Date.now() - window.openedAt, false)
    },
  }
}
