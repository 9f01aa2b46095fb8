import { callback, hold } from '../recorder'

/** The `k6/timers` module: timers that keep the iteration open while they are pending. */

const releases = new Map<NodeJS.Timeout, () => void>()

export function setTimeout(run: () => void, delayMs: number): NodeJS.Timeout {
  const release = hold()
  const timer = globalThis.setTimeout(() => {
    releases.delete(timer)
    release()
    callback('setTimeout', run)
  }, delayMs)
  releases.set(timer, release)
  return timer
}

export function setInterval(run: () => void, delayMs: number): NodeJS.Timeout {
  const timer = globalThis.setInterval(() => callback('setInterval', run), delayMs)
  releases.set(timer, hold())
  return timer
}

function clear(timer: NodeJS.Timeout | undefined) {
  if (timer === undefined) return
  globalThis.clearTimeout(timer)
  releases.get(timer)?.()
  releases.delete(timer)
}

export const clearTimeout = clear
export const clearInterval = clear

export default { setTimeout, clearTimeout, setInterval, clearInterval }
