import { failed, KINDS, type Counts, type Verdict } from './checks'

export interface Row {
  scenario: string
  /** What the load did, e.g. "12 parcels, 340 requests, 9 sockets". */
  load: string
  fault: string
  verdict: Verdict
  recoveryMs: number | null
}

const HEADINGS = [
  'scenario',
  'load',
  'fault',
  'lost',
  'duplicated',
  'recovery',
  'errors',
  'no answer',
  'sockets behind',
  'fatal',
  'result',
]

/**
 * The run's summary, one line per scenario: what was lost and duplicated (by kind), how long
 * recovery took, error answers that broke the contract (the slowest error answer beside
 * them), requests nothing answered, sockets not caught up, fatal log lines and crashes.
 */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.load,
    row.fault,
    formatCounts(row.verdict.lost),
    formatCounts(row.verdict.duplicated),
    row.recoveryMs === null ? 'never' : `${(row.recoveryMs / 1000).toFixed(1)} s`,
    `${row.verdict.badErrors} (slowest ${row.verdict.slowestErrorMs} ms)`,
    String(row.verdict.unanswered),
    String(row.verdict.screensBehind),
    String(row.verdict.fatal),
    failed(row.verdict) ? 'FAIL' : 'ok',
  ])
  const widths = HEADINGS.map((heading, i) =>
    Math.max(heading.length, ...cells.map((line) => line[i]!.length)),
  )
  const format = (line: string[]) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [format(HEADINGS), format(widths.map((w) => '-'.repeat(w))), ...cells.map(format)].join(
    '\n',
  )
}

/** `0`, or the total with its kinds: `5 (pings 3, emails 2)`. */
export function formatCounts(counts: Counts): string {
  const parts = KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${kind} ${counts[kind]}`)
  const total = KINDS.reduce((sum, kind) => sum + counts[kind], 0)
  return total === 0 ? '0' : `${total} (${parts.join(', ')})`
}

// Enough lines of one kind to see what went wrong; the rest are more of the same.
const SHOWN_PER_KIND = 4

/**
 * A scenario's findings under its name, at most a few of each kind (`lost ping`, `lost
 * email`, `crash:` …) so that one flood does not hide the others.
 */
export function formatFindings(scenario: string, failures: string[]): string {
  const kinds = new Map<string, string[]>()
  for (const line of failures) {
    const kind = line.split(' ').slice(0, 2).join(' ')
    kinds.set(kind, [...(kinds.get(kind) ?? []), line])
  }
  const lines = [...kinds.values()].flatMap((same) => [
    ...same.slice(0, SHOWN_PER_KIND).map((line) => `  - ${line}`),
    ...(same.length > SHOWN_PER_KIND
      ? [`  … and ${same.length - SHOWN_PER_KIND} more of these`]
      : []),
  ])
  return [`${scenario}:`, ...lines].join('\n')
}
