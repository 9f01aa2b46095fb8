/** Undo steps registered as things start, run once in reverse: the last thing up goes first. */
export interface Cleanups {
  defer(name: string, step: () => Promise<void> | void): void
  /** Runs every step once, even after a failing one; later calls return the same promise. */
  run(): Promise<void>
}

/**
 * A stack of undo steps shared by the normal exit, a failure and Ctrl-C, so the bench
 * database is dropped and no child server outlives the run whichever way it ends.
 *
 * @example
 * const cleanups = createCleanups((name, error) => console.error(name, error))
 * cleanups.defer('drop database', () => db.drop())
 * await cleanups.run()
 */
export function createCleanups(onError: (name: string, error: unknown) => void): Cleanups {
  const steps: { name: string; step: () => Promise<void> | void }[] = []
  let running: Promise<void> | undefined
  return {
    defer(name, step) {
      steps.push({ name, step })
    },
    run() {
      running ??= (async () => {
        for (let next = steps.pop(); next; next = steps.pop()) {
          try {
            await next.step()
          } catch (error) {
            onError(next.name, error)
          }
        }
      })()
      return running
    },
  }
}
