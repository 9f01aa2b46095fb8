import type { MetricType, Report } from './report'

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

// What k6 can aggregate a metric of each type by.
const AGGREGATIONS: Record<MetricType, RegExp> = {
  counter: /^(count|rate)$/,
  gauge: /^value$/,
  rate: /^rate$/,
  trend: /^(avg|min|max|med|p\(\d+(\.\d+)?\))$/,
}

const EXPRESSION = /^\s*([a-z]+(?:\([\d.]+\))?)\s*(<=|>=|<|>|===|==|!=)\s*-?\d+(\.\d+)?\s*$/

/**
 * What is wrong with the script's thresholds, judged by what one run emitted: each must name
 * a metric the script really emits, with tags some of its samples really carry, aggregated
 * in a way k6 knows for that metric's type. A threshold on something never emitted would
 * never fail, and so never protect anything.
 */
export function thresholdProblems({ options, samples }: Report): string[] {
  const problems: string[] = []
  for (const [key, conditions] of Object.entries(options.thresholds ?? {})) {
    const parsed = parseThresholdKey(key)
    if (!parsed) {
      problems.push(`${key}: not a metric{tag:value} key`)
      continue
    }
    const emitted = samples.filter((sample) => sample.metric === parsed.metric)
    if (emitted.length === 0) {
      problems.push(`${key}: the script never emits ${parsed.metric}`)
      continue
    }
    const wanted = Object.entries(parsed.tags)
    if (!emitted.some((sample) => wanted.every(([tag, value]) => sample.tags[tag] === value))) {
      problems.push(`${key}: no ${parsed.metric} sample carries ${JSON.stringify(parsed.tags)}`)
    }
    const type = emitted[0]!.type
    for (const condition of conditions) {
      const text =
        typeof condition === 'string' ? condition : (condition as { threshold?: unknown }).threshold
      const match = typeof text === 'string' ? EXPRESSION.exec(text) : null
      if (!match) problems.push(`${key}: ${JSON.stringify(condition)} is not a threshold`)
      else if (!AGGREGATIONS[type].test(match[1]!)) {
        problems.push(`${key}: ${match[1]} does not apply to a ${type} metric`)
      }
    }
  }
  return problems
}
