import { cpus, platform } from 'node:os'
import type { BrokerDetails } from './broker/run'
import type { LoadShape, Measurement } from './measure'
import type { ObservabilityDetails } from './observability/notes'
import type { RealtimeDetails } from './realtime/details'
import { describeTarget, meetsTarget, ratioTo, type Target, type Unit } from './targets'

export interface Row extends Measurement {
  scenario: string
  /** What `requestsPerSecond` counts: HTTP requests, or events for broker rows. */
  unit: Unit
  /**
   * The rate against its group's baseline: hello world for the API, XADD for the broker;
   * null for rows with nothing to compare with (sockets).
   */
  ratio: number | null
  target: string | null
  met: boolean | null
}

export interface BenchResults {
  date: string
  machine: Machine
  redis: boolean
  load: LoadShape
  /** How the broker was loaded and what else its runs showed; why not, when skipped. */
  broker: BrokerDetails | { skipped: string }
  /** How the sockets were connected and loaded, and how many positions reached them. */
  realtime: RealtimeDetails
  /** The tracking function's CPU per lookup with observability off and on. */
  observability: ObservabilityDetails
  /** µs of CPU a request each API row cost the server answering it, by row. */
  cpu: Record<string, number>
  rows: Row[]
}

/**
 * Beside the table: what each scenario cost the server answering it, in µs of CPU a request,
 * a line each. On a machine whose speed drifts, compare these between rows of one run.
 *
 * @example
 * cpuLines(measured, cpu.perRequest(measured)) // 'hello world (baseline): 34 µs of CPU a request\n…'
 */
export function cpuLines(measured: Array<Pick<Measured, 'name'>>, micros: number[]): string {
  return measured
    .map(({ name }, index) => `${name}: ${micros[index]} µs of CPU a request`)
    .join('\n')
}

export interface Measured {
  name: string
  unit?: Unit
  target?: Target | undefined
  measurement: Measurement
}

/**
 * Puts each scenario against the first one, the baseline, and checks its target if any.
 * With `baseline: false` no row is compared: their ratio is null.
 */
export function toRows(measured: Measured[], { baseline = true } = {}): Row[] {
  const base = baseline ? measured[0]?.measurement : undefined
  if (baseline && !base) return []
  return measured.map(({ name, unit = 'requests', target, measurement }) => {
    const ratio = base ? ratioTo(base, measurement) : null
    return {
      scenario: name,
      unit,
      ...measurement,
      ratio,
      target: target ? describeTarget(target, unit) : null,
      met: target ? meetsTarget(target, ratio, measurement) : null,
    }
  })
}

const NONE = '—'

/**
 * The table `npm run bench` prints, one scenario a line.
 *
 * @example
 * formatTable(rows)
 * // scenario                 per s  p50 ms  p99 ms  × base  target  met?
 * // hello world (baseline)   18230       3       6    1.00  —       —
 */
export function formatTable(rows: Row[]): string {
  // Memory is a column of its own where some row measured it (cold starts).
  const rss = rows.some((row) => row.rssMb !== undefined)
  const cells = [
    [
      'scenario',
      'per s',
      'p50 ms',
      'p99 ms',
      '× base',
      ...(rss ? ['RSS MB'] : []),
      'target',
      'met?',
    ],
    ...rows.map((row) => [
      row.scenario,
      row.requestsPerSecond.toFixed(0),
      milliseconds(row.p50Ms),
      milliseconds(row.p99Ms),
      row.ratio === null ? NONE : row.ratio.toFixed(2),
      ...(rss ? [row.rssMb === undefined ? NONE : row.rssMb.toFixed(0)] : []),
      row.target ?? NONE,
      row.met === null ? NONE : row.met ? 'yes' : 'no',
    ]),
  ]
  // Text columns (scenario, target, met?) read left to right; numbers line up on the right.
  const columns = cells[0]!.length
  return alignColumns(cells, new Set([0, columns - 2, columns - 1]))
}

/**
 * Lines of cells in columns two spaces apart: the `left` columns padded on the right (text),
 * the others on the left (numbers, lined up on their last digit).
 *
 * @example
 * alignColumns([['name', 'n'], ['ab', '10']], new Set([0])) // 'name   n\nab    10'
 */
export function alignColumns(cells: string[][], left: ReadonlySet<number>): string {
  const widths = cells[0]!.map((_, column) =>
    Math.max(...cells.map((line) => line[column]?.length ?? 0)),
  )
  return cells
    .map((line) =>
      line
        .map((cell, column) =>
          left.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function milliseconds(value: number): string {
  if (Number.isNaN(value)) return NONE
  // Redis answers in tens of microseconds: a tenth of a millisecond would round it to 0.
  if (value < 1 && !Number.isInteger(value)) return value.toFixed(2)
  return String(Math.round(value * 10) / 10)
}

/**
 * Scenarios that got errors or non-2xx answers, or lost events. Any means the bench is broken
 * (a bad token, a throttled client, a dead server), so its numbers measure the wrong thing.
 */
export function brokenRows(rows: Row[]): string[] {
  return rows
    .filter((row) => row.errors > 0 || row.timeouts > 0 || row.non2xx > 0 || row.undelivered)
    .map((row) => {
      const codes = Object.entries(row.statusCodes)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, count]) => `${code}×${count}`)
      const statuses = codes.length ? ` (${codes.join(', ')})` : ''
      const lost = row.undelivered ? `, ${row.undelivered} events never delivered` : ''
      return `${row.scenario}: ${row.non2xx} non-2xx${statuses}, ${row.errors} errors, ${row.timeouts} timeouts${lost}`
    })
}

/** What a bench ran on, written beside its figures. */
export interface Machine {
  node: string
  platform: string
  cpus: number
  cpuModel: string
}

export function thisMachine(): Machine {
  return {
    node: process.version,
    platform: `${platform()} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
  }
}
