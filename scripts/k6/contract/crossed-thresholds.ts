/** k6's `--summary-export`: per metric key, each threshold's expression and whether it was crossed. */
export interface SummaryExport {
  metrics: Record<string, { thresholds?: Record<string, boolean> }>
}

// A statistic of a trend's values: `p(95)<200`, `avg<100`, `max<1000`.
const TREND_STATISTIC = /^\s*(p\(\d+(\.\d+)?\)|avg|med|min|max)\s*[<>=!]/

/**
 * The thresholds a smoke run crossed, judged as such a run can be: one iteration a scenario,
 * on a server just started and a machine shared with it. A rate or a count crossed (requests
 * failed, checks missed, pings never on screen) is a problem; a percentile or other statistic
 * of a duration is shown, not judged, as its handful of samples says nothing of latency: a
 * cold CI run once read a p95 of 261 ms over ten pings, the first each phone sent.
 *
 * @example
 * judgeSmokeThresholds({ metrics: { checks: { thresholds: { 'rate>0.99': true } } } })
 * // { problems: ['checks rate>0.99 crossed'], shown: [] }
 */
export function judgeSmokeThresholds(summary: SummaryExport): {
  problems: string[]
  shown: string[]
} {
  const problems: string[] = []
  const shown: string[] = []
  for (const [metric, { thresholds = {} }] of Object.entries(summary.metrics)) {
    for (const [expression, crossed] of Object.entries(thresholds)) {
      if (!crossed) continue
      const line = `${metric} ${expression} crossed`
      if (TREND_STATISTIC.test(expression)) shown.push(line)
      else problems.push(line)
    }
  }
  return { problems, shown }
}
