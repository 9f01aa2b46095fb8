import { DatabaseUnavailableError } from './connection-errors'

export interface Reachability {
  /**
   * Asks leave to open a connection: throws `DatabaseUnavailableError` while the database was
   * just found unreachable, except for one probe per `retryAfterMs`.
   */
  admit(): void
  /** A connection was made: the database is back. */
  reached(): void
  /** A connection could not be made. */
  failed(error: unknown): void
  /** How long callers should wait before trying again, for Retry-After. */
  readonly retryAfterMs: number
}

export interface ReachabilityOptions {
  retryAfterMs: number
  /** Told when the database goes from reachable to not, and back; for the log. */
  onChange?: (reachable: boolean, reason: string) => void
}

/**
 * Whether the database was reachable at the last try. After a failed connection, new ones are
 * refused at once for `retryAfterMs` and then a single probe goes out, so requests during an
 * outage fail in microseconds instead of queueing behind a pool that cannot connect.
 */
export function createReachability({ retryAfterMs, onChange }: ReachabilityOptions): Reachability {
  let down: { reason: string; retryAt: number } | undefined
  let probing = false

  return {
    retryAfterMs,
    admit() {
      if (!down) return
      if (probing || performance.now() < down.retryAt) {
        throw new DatabaseUnavailableError(down.reason)
      }
      probing = true
    },
    reached() {
      probing = false
      if (!down) return
      const { reason } = down
      down = undefined
      onChange?.(true, reason)
    },
    failed(error) {
      probing = false
      const reason = error instanceof Error ? error.message : String(error)
      const wasUp = !down
      down = { reason, retryAt: performance.now() + retryAfterMs }
      if (wasUp) onChange?.(false, reason)
    },
  }
}
