import { emptyReport, type CheckResult, type Exchange, type MetricType } from './report'

/**
 * The state of one contract run, shared by the k6 module shims: what they record, the tags of
 * the running phase (k6 tags every sample with its scenario and group), and the work an
 * iteration still waits on (timers, sockets), since k6 ends an iteration only when its event
 * loop is empty.
 */

export const report = emptyReport()

const context = { scenario: '', group: '' }

/** Enters a phase: a scenario's iteration, or setup/teardown (group `::setup`, as k6 tags it). */
export function enter(scenario: string, group: string) {
  context.scenario = scenario
  context.group = group
}

/** The tags k6 puts on every sample of the running phase. */
function phaseTags(): Record<string, string> {
  return context.scenario === ''
    ? { group: context.group }
    : { scenario: context.scenario, group: context.group }
}

export function emit(
  metric: string,
  type: MetricType,
  value: number,
  tags: Record<string, string> = {},
) {
  report.samples.push({ metric, type, value, tags: { ...phaseTags(), ...tags } })
}

export function recordExchange(exchange: Exchange) {
  report.exchanges.push(exchange)
}

export function recordFrame(frame: string) {
  report.frames.push(frame)
}

export function recordCheck(result: CheckResult) {
  report.checks.push(result)
}

export function recordError(where: string, error: unknown) {
  report.errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`)
}

let pending = 0
let settle: (() => void) | undefined

/** Keeps the iteration open until the returned release is called. */
export function hold(): () => void {
  pending++
  let released = false
  return () => {
    if (released) return
    released = true
    if (--pending === 0) settle?.()
  }
}

/** Resolves when nothing holds the iteration open any more. */
export function drained(): Promise<void> {
  if (pending === 0) return Promise.resolve()
  return new Promise((resolve) => (settle = resolve))
}

/** Runs a callback of the script's event loop; an exception ends up in the report. */
export function callback(where: string, run: () => void) {
  try {
    run()
  } catch (error) {
    recordError(where, error)
  }
}
