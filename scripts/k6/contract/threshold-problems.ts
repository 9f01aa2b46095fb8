import type { Sample } from './k6-output'

/** A threshold's key: a metric, narrowed to the samples carrying some tags (a submetric). */
export interface ThresholdKey {
  metric: string
  tags: Record<string, string>
}

/**
 * Reads `metric` or `metric{tag:value,…}` as k6 does (a value may be quoted); null when the
 * key is neither.
 *
 * @example
 * parseThresholdKey('http_req_duration{endpoint:track}')
 * // { metric: 'http_req_duration', tags: { endpoint: 'track' } }
 */
export function parseThresholdKey(key: string): ThresholdKey | null {
  const match = /^([A-Za-z_]\w*)(?:\{([^{}]*)\})?$/.exec(key.trim())
  if (!match) return null
  const tags: Record<string, string> = {}
  for (const pair of (match[2] ?? '').split(',')) {
    if (pair.trim() === '') continue
    const colon = pair.indexOf(':')
    if (colon < 1) return null
    tags[pair.slice(0, colon).trim()] = pair
      .slice(colon + 1)
      .trim()
      .replace(/^["'](.*)["']$/, '$1')
  }
  return { metric: match[1]!, tags }
}

/**
 * The thresholds (keys of `options.thresholds`, as `k6 inspect` prints them) that no sample
 * of a run could have reached. k6 itself refuses a threshold on a metric it does not know or
 * with an aggregation the metric's type lacks, but it passes one on tags no sample carries
 * without a word: such a threshold can never fail, and so never protects anything.
 */
export function thresholdProblems(thresholds: string[], samples: Sample[]): string[] {
  return thresholds.flatMap((key) => {
    const parsed = parseThresholdKey(key)
    if (!parsed) return [`${key}: not a metric{tag:value} key`]
    const wanted = Object.entries(parsed.tags)
    const reached = samples.some(
      (sample) =>
        sample.metric === parsed.metric &&
        wanted.every(([tag, value]) => sample.tags[tag] === value),
    )
    return reached
      ? []
      : [`${key}: no ${parsed.metric} sample carries ${JSON.stringify(parsed.tags)}`]
  })
}
