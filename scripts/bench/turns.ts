import autocannon from 'autocannon'
import { load, loopbackOnly, summarize, type LoadShape, type Measurement } from './measure'
import { sampleCpu } from './realtime/cpu'
import type { Measured } from './report'
import type { Scenario } from './scenarios'

/** Turns each scenario takes by default: 8 s measured are four turns of 2 s. */
export const ROUNDS = 4

export interface TurnsOptions {
  /** Turns each scenario takes; each lasts the shape's durationSeconds divided by this. */
  rounds?: number
  /** Wraps each scenario's every turn: reads what the server behind it spent, say. */
  around?: (index: number, turn: () => Promise<void>) => Promise<void>
  /** Told what is about to run. */
  log?: (line: string) => void
}

/**
 * Measures scenarios in turns, not one after another: each is warmed up, then each takes
 * `rounds` short turns, in order and then in reverse (a, b, b, a, ...). This machine's speed
 * drifts by half within minutes as its neighbours come and go; measured in turns, a scenario
 * and its baseline run through the same minutes, so the ratio between them is the code's.
 * Each scenario's measurement is its turns pooled.
 *
 * @example
 * toRows(await measureInTurns([helloWorld, lookups], SHAPE, signal)) // lookups' × base
 */
export async function measureInTurns(
  scenarios: Scenario[],
  shape: LoadShape,
  signal: AbortSignal,
  { rounds = ROUNDS, around = (_index, turn) => turn(), log }: TurnsOptions = {},
): Promise<Measured[]> {
  for (const { origin } of scenarios) loopbackOnly(origin)
  const { connections, warmupSeconds, durationSeconds } = shape
  const seconds = durationSeconds / rounds
  log?.(
    `${scenarios.map(({ name }) => name).join(', ')}: ${warmupSeconds} s warm-up each, ` +
      `then ${rounds} turns of ${seconds} s each`,
  )
  for (const scenario of scenarios) await load(scenario, connections, warmupSeconds, signal)
  const turns = scenarios.map((): autocannon.Result[] => [])
  const order = scenarios.map((_scenario, index) => index)
  for (let round = 0; round < rounds; round++) {
    for (const index of round % 2 ? order.toReversed() : order) {
      await around(index, async () => {
        turns[index]!.push(
          await load(scenarios[index]!, connections, seconds, signal, { raw: true }),
        )
      })
    }
  }
  return scenarios.map(({ name, target }, index) => ({
    name,
    target,
    measurement: pooled(turns[index]!, rounds * seconds),
  }))
}

/**
 * What the server behind each scenario spent over its turns, read from /proc around each
 * turn (NaN where there is no /proc): pass `around` to measureInTurns, then ask `perRequest`.
 * Scenarios that share a server are each charged for their own turns only.
 *
 * @example
 * const cpu = serverCpu([off.pid, on.pid])
 * const measured = await measureInTurns([offLookups, onLookups], SHAPE, signal, cpu)
 * cpu.perRequest(measured) // µs of CPU a request: [off's, on's]
 */
export function serverCpu(pids: number[]) {
  const seconds = pids.map(() => 0)
  const around: TurnsOptions['around'] = async (index, turn) => {
    const pid = { server: pids[index]! }
    const before = await sampleCpu(pid)
    await turn()
    const after = await sampleCpu(pid)
    seconds[index]! += (after.server ?? Number.NaN) - (before.server ?? Number.NaN)
  }
  const perRequest = (measured: Measured[]) =>
    measured.map(({ measurement }, index) =>
      Math.round((seconds[index]! * 1e6) / measurement.requests),
    )
  return { around, perRequest }
}

// autocannon's merge of runs made with skipAggregateResult, which @types/autocannon leaves out.
const { aggregateResult } = autocannon as unknown as {
  aggregateResult(results: autocannon.Result[], options: { url: string }): autocannon.Result
}

/**
 * A scenario's turns as one measurement: every request of them, its latencies pooled (the
 * p99 of all their requests, not of the worst turn's), rated over the `seconds` they lasted.
 */
export function pooled(turns: autocannon.Result[], seconds: number): Measurement {
  // aggregateResult adds the later turns' counts per status into the first turn's own.
  const copies = turns.map((turn) => ({
    ...turn,
    statusCodeStats: structuredClone(turn.statusCodeStats),
  }))
  // The url only labels the result, which summarize leaves out.
  const measurement = summarize(aggregateResult(copies, { url: 'http://127.0.0.1' }))
  return { ...measurement, requestsPerSecond: seconds > 0 ? measurement.requests / seconds : 0 }
}
