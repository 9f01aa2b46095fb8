import { alignColumns } from '../report'
import type { CityOptions } from './options'
import type { ShapeResult } from '../city-shape'
import { SCRAPE_TIMEOUT_MS } from './pauses'
import { acceptedPings, type KindSummary } from './summary'

/** The target for ping → screen, on both kinds of socket. */
export const CITY_TARGET = { maxP50Ms: 25, maxP99Ms: 100, delivered: 1 } as const

const NONE = '—'

/** Whether one kind of socket met the target. */
export function metTarget(kind: KindSummary): boolean {
  return (
    kind.p50Ms <= CITY_TARGET.maxP50Ms &&
    kind.p99Ms <= CITY_TARGET.maxP99Ms &&
    kind.delivered >= CITY_TARGET.delivered
  )
}

/**
 * What `npm run bench -- city` prints: the target table (a line per shape and kind of
 * socket), the pings, and the processes' CPU, memory and pauses, after the machine's speed
 * on the day (`helloWorldPerSecond`, see helloWorldRate).
 */
export function formatCityTables(
  options: CityOptions,
  results: readonly ShapeResult[],
  helloWorldPerSecond: number,
): string {
  return [
    `city: ${options.drivers} drivers pinging every ${options.intervalSeconds} s, ` +
      `${options.dispatchers} dispatcher and ${options.tracking} tracking sockets; ` +
      `${options.warmupSeconds} s warm-up (the rate reached halfway), ${options.seconds} s measured`,
    `this machine, just before: npm run bench's hello world answered ${helloWorldPerSecond}/s ` +
      'at 64 connections; compare city runs at similar figures',
    '',
    targetTable(results),
    '',
    pingTable(results),
    '',
    processTable(results),
    '',
    ...results.map(
      ({ shape, socketsLoopDelayMs: delay }) =>
        `${shape}: the busiest sockets process's event loop ran p99 ${delay.p99} ms, ` +
        `max ${delay.max} ms late; its copies are stamped up to that late`,
    ),
    ...results
      .filter(({ unscraped }) => unscraped.length > 0)
      .map(
        ({ shape, unscraped }) =>
          `${shape}: ${unscraped.join(', ')} answered no /metrics scrape within ` +
          `${SCRAPE_TIMEOUT_MS / 1000} s as the window began or ended: no GC or loop figures`,
      ),
  ].join('\n')
}

export function targetTable(results: readonly ShapeResult[]): string {
  const lines = results.flatMap((result) =>
    (['dispatcher', 'tracking'] as const).map((kind) => {
      const summary = result[kind]
      return [
        result.shape,
        `${summary.sockets} ${kind}`,
        ms(summary.p50Ms),
        ms(summary.p95Ms),
        ms(summary.p99Ms),
        percent(summary.delivered),
        String(summary.neverArrived),
        Math.round(summary.bytesPerSecondPerSocket).toString(),
        metTarget(summary) ? 'yes' : 'no',
      ]
    }),
  )
  const target = [
    'target',
    '',
    `≤ ${CITY_TARGET.maxP50Ms}`,
    '',
    `≤ ${CITY_TARGET.maxP99Ms}`,
    percent(CITY_TARGET.delivered),
    '',
    '',
    '',
  ]
  const head = ['shape', 'sockets', 'p50 ms', 'p95 ms', 'p99 ms', '≤ 1 s', 'never', 'B/s/socket']
  return alignColumns([[...head, 'met?'], ...lines, target], new Set([0, 1, 8]))
}

export function pingTable(results: readonly ShapeResult[]): string {
  const head = [
    'shape',
    'pings/s asked',
    'accepted/s',
    'answer p50',
    'p95',
    'p99',
    'non-2xx',
    'errors',
  ]
  const lines = results.map(({ shape, pings }) => {
    const accepted = acceptedPings(pings.statusCodes)
    return [
      shape,
      String(pings.targetPerSecond),
      String(pings.acceptedPerSecond),
      ms(pings.answerMs.p50),
      ms(pings.answerMs.p95),
      ms(pings.answerMs.p99),
      String(pings.sent - accepted - pings.errors),
      String(pings.errors),
    ]
  })
  return alignColumns([head, ...lines], new Set([0]))
}

export function processTable(results: readonly ShapeResult[]): string {
  const lines = results.flatMap((result) => [
    ...Object.entries(result.cores).map(([name, cores]) => {
      const rss = result.rss[name]
      const paused = result.pauses[name]
      return [
        result.shape,
        name,
        cores.toFixed(2),
        rss ? String(rss.mb) : NONE,
        rss ? String(rss.peakMb) : NONE,
        paused ? `${(paused.gcShare * 100).toFixed(1)} %` : NONE,
        paused ? `${paused.loopLateP99Ms} / ${paused.loopLateMaxMs}` : NONE,
      ]
    }),
    [
      result.shape,
      'load generator (pinger, sockets, bench)',
      result.loadGeneratorCores.toFixed(2),
      '',
      '',
      '',
      '',
    ],
  ])
  const head = ['shape', 'process', 'cores', 'RSS MB', 'peak MB', 'in GC', 'loop late p99 / max ms']
  return alignColumns([head, ...lines], new Set([0, 1]))
}

function ms(value: number): string {
  if (Number.isNaN(value)) return NONE
  if (value === Number.POSITIVE_INFINITY) return 'never'
  return String(Math.round(value))
}

function percent(fraction: number): string {
  if (Number.isNaN(fraction)) return NONE
  // Floored: 99.996 % must not print as the target's 100 %.
  return `${(Math.floor(fraction * 1000) / 10).toFixed(1)} %`
}
