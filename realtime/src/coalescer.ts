export interface Coalescer {
  /**
   * Sends at once when `key` was quiet for a window; otherwise keeps `send` as the newest for
   * that key, replacing any held before, and sends it when the window ends.
   */
  offer(key: string, send: () => void): void
  /** Drops whatever is held. */
  close(): void
}

interface Window {
  timer: NodeJS.Timeout
  held?: () => void
}

/**
 * Latest-wins throttling per key (a room and a driver): the first message of a burst goes out
 * without delay, and then at most one per window, the newest. A client on a slow link gets
 * at most one position per driver per window however fast drivers ping.
 *
 * @example
 * const positions = createCoalescer(250)
 * positions.offer(`fleet|${driverId}`, () => io.to('fleet').emit('driver_location', location))
 */
export function createCoalescer(windowMs: number): Coalescer {
  const windows = new Map<string, Window>()

  const open = (key: string) => {
    const window: Window = { timer: setTimeout(() => end(key, window), windowMs) }
    windows.set(key, window)
  }

  const end = (key: string, window: Window) => {
    windows.delete(key)
    if (!window.held) return
    // What was held goes out now and opens the next window, so bursts stay spaced.
    open(key)
    window.held()
  }

  return {
    offer(key, send) {
      const window = windows.get(key)
      if (window) {
        window.held = send
        return
      }
      open(key)
      send()
    },
    close() {
      for (const window of windows.values()) clearTimeout(window.timer)
      windows.clear()
    },
  }
}
