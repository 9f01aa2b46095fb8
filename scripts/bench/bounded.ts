import { createCleanups, type Cleanups } from './cleanups'

export interface BoundedRun {
  cleanups: Cleanups
  /** Aborted on Ctrl-C, SIGTERM or the watchdog: stop loading at once. */
  signal: AbortSignal
  log: (line: string) => void
}

/**
 * Runs a bench to its end, within `watchdogMs`, and always runs its cleanups (databases,
 * Redis keys, child processes) whichever way it ends: normally, by an error, Ctrl-C or the
 * watchdog. A second Ctrl-C exits at once, for a cleanup that hangs. Resolves with the exit code.
 */
export async function runBounded(
  options: { name: string; watchdogMs: number },
  body: (run: BoundedRun) => Promise<number>,
): Promise<number> {
  const log = (line: string) => process.stderr.write(`${options.name}: ${line}\n`)
  const cleanups = createCleanups((name, error) => log(`${name} failed: ${String(error)}`))
  const load = new AbortController()
  const stop = (reason: string, code: number) => {
    log(`${reason}: stopping and cleaning up`)
    process.exitCode = code
    load.abort(new Error(reason))
    void cleanups.run().finally(() => process.exit(code))
  }
  let signals = 0
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (++signals > 1) process.exit(130)
      stop(signal, 130)
    })
  }
  const watchdog = setTimeout(
    () => stop(`still running after ${Math.round(options.watchdogMs / 1000)} s`, 1),
    options.watchdogMs,
  )
  watchdog.unref()
  try {
    return await body({ cleanups, signal: load.signal, log })
  } catch (error) {
    // An interrupted run already said why; its abort error would only add a stack trace.
    if (!load.signal.aborted) {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error))
    }
    return typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : 1
  } finally {
    clearTimeout(watchdog)
    await cleanups.run()
  }
}
