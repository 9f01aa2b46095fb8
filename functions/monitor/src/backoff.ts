import { backoffDelay } from '@dropmate/broker/triggers'

// Past a minute, waiting longer only delays the moment someone hears about the problem.
const MAX_WAIT_MS = 60_000

/**
 * The wait before try `attempt + 1`: doubling from `firstMs`, never more than a minute.
 *
 * @example
 * cappedBackoff(1_000, 3) // 4_000
 */
export function cappedBackoff(firstMs: number, attempt: number): number {
  const doubling = backoffDelay({ backoffPolicy: 'exponential', backoffDelayMs: firstMs }, attempt)
  return Math.min(doubling, MAX_WAIT_MS)
}
