/** What one k6 run emitted, read back from its `--out json=<file>` lines. */

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend'

/** One metric sample: name, type, value and the tags k6 attached. */
export interface Sample {
  metric: string
  type: MetricType
  value: number
  tags: Record<string, string>
}

type Line =
  | { type: 'Metric'; metric: string; data: { type: MetricType } }
  | { type: 'Point'; metric: string; data: { value: number; tags: Record<string, string> | null } }

/**
 * The samples of k6's JSON output, each with its metric's type. k6 declares a metric in a
 * `Metric` line before its first `Point`, so one pass reads both.
 *
 * @example
 * readSamples(await readFile('run.json', 'utf8')).filter((s) => s.metric === 'http_reqs')
 */
export function readSamples(output: string): Sample[] {
  const types = new Map<string, MetricType>()
  const samples: Sample[] = []
  for (const text of output.split('\n')) {
    if (text.trim() === '') continue
    const line = JSON.parse(text) as Line
    if (line.type === 'Metric') types.set(line.metric, line.data.type)
    else if (line.type === 'Point') {
      const type = types.get(line.metric)
      if (!type) throw new Error(`k6 output: a point of ${line.metric} before its declaration`)
      samples.push({
        metric: line.metric,
        type,
        value: line.data.value,
        tags: line.data.tags ?? {},
      })
    }
  }
  return samples
}
