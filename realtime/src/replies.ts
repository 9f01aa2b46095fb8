import { logger } from '@dropmate/runtime'
import type { Refusal, Reply } from '@dropmate/contracts/sockets'

export const refusal = (code: Refusal['code'], message: string): Refusal => ({
  ok: false,
  code,
  message,
})

/** The same answer for a shipment that does not exist and one the asker may not see. */
export const NOT_FOUND = refusal('not_found', 'No such shipment.')

/**
 * Runs a client's request and acknowledges the outcome. A failure (the database away) is an
 * `unavailable` refusal and a log line, never an unhandled rejection. `reply` is whatever the
 * client sent as its acknowledgement: one that asked without any gets nothing back.
 */
export function answer<T extends object>(reply: unknown, work: () => Promise<Reply<T>>): void {
  work()
    .catch((error: unknown): Refusal => {
      logger.warn({ err: error }, 'socket request failed')
      return refusal('unavailable', 'This cannot be answered right now; try again shortly.')
    })
    .then((outcome) => {
      if (typeof reply === 'function') reply(outcome)
    })
}
