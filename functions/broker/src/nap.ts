/**
 * A wait that news can cut short: `take(ms)` resolves true after `ms`, or false at once when
 * `signal` aborts; `endWithin(ms)` brings the end of a longer wait under way to `ms` from now.
 * One wait at a time, as a loop takes them.
 *
 * @example
 * const nap = interruptibleNap(stopping.signal)
 * onNews(() => nap.endWithin(100))
 * await nap.take(2_000) // 2 s, or 100 ms after news
 */
export function interruptibleNap(signal: AbortSignal) {
  let current: { endsAt: number; timer: NodeJS.Timeout; end: () => void } | undefined
  return {
    take(ms: number): Promise<boolean> {
      if (signal.aborted) return Promise.resolve(false)
      return new Promise((resolve) => {
        const end = () => {
          clearTimeout(current?.timer)
          signal.removeEventListener('abort', end)
          current = undefined
          resolve(!signal.aborted)
        }
        current = { endsAt: performance.now() + ms, timer: setTimeout(end, ms), end }
        signal.addEventListener('abort', end, { once: true })
      })
    },
    endWithin(ms: number): void {
      if (!current || current.endsAt - performance.now() <= ms) return
      clearTimeout(current.timer)
      current.endsAt = performance.now() + ms
      current.timer = setTimeout(current.end, ms)
    },
  }
}
