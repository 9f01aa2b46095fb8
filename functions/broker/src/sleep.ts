import { interruptibleNap } from './nap'

/** Waits `ms`, or less if `signal` aborts first; resolves false when aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return interruptibleNap(signal).take(ms)
}
