import { setTimeout as sleep } from 'node:timers/promises'
import { DATABASE_RETRY_AFTER_MS, isDatabaseUnavailable } from './connection-errors'

export interface WaitOptions {
  /** Told before each wait: the error that said the database is not there yet. */
  onWait(error: unknown, attempt: number, retryInMs: number): void
  /** The longest wait between tries. */
  maxDelayMs?: number
}

/**
 * Runs `task` until the database lets it: a failure because the server cannot be reached
 * is tried again after a growing wait (the client's own refusal interval, doubling up to
 * `maxDelayMs`; a sooner try would only be refused), any other failure is thrown. For
 * start-up work such as migrations, when the database may come up after us (a restart of
 * both, a managed database's maintenance window).
 *
 * @example
 * await whenReachable(() => migrate(sql, migrations), { onWait: (error) => log(error) })
 */
export async function whenReachable<T>(
  task: () => Promise<T>,
  { onWait, maxDelayMs = 10_000 }: WaitOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task()
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error
      const retryInMs = Math.min(DATABASE_RETRY_AFTER_MS * 2 ** (attempt - 1), maxDelayMs)
      onWait(error, attempt, retryInMs)
      await sleep(retryInMs)
    }
  }
}
