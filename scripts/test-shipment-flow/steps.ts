/** A failed step: its name, and what went wrong in words a person can act on. */
export class FlowError extends Error {
  override name = 'FlowError'
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(message)
  }
}

export type Log = (line: string) => void

/**
 * Runs named steps in order, printing a tick for each that passes. Whatever a step throws
 * comes out as a FlowError carrying the step's name, so the failure says where it happened.
 *
 * @example
 * const step = stepper(console.log)
 * const token = await step('log in', () => logIn(call, credentials))
 */
export function stepper(log: Log) {
  return async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work()
      log(`✓ ${name}`)
      return result
    } catch (error) {
      throw new FlowError(name, error instanceof Error ? error.message : String(error))
    }
  }
}
