import { latencyChart, type Series } from './chart'
import type { ShapeResult } from '../city-shape'
import { CITY_TARGET } from './table'

// One colour per shape and kind of socket; its p99 dashed beside its p50.
const COLORS = {
  'one-process': { dispatcher: '#1f77b4', tracking: '#2ca02c' },
  cluster: { dispatcher: '#d62728', tracking: '#9467bd' },
} as const

/** bench/city.svg: p50 and p99 by second, a pair of lines per shape and kind of socket. */
export function cityChart(results: readonly ShapeResult[]): string {
  const series = results.flatMap((result) =>
    (['dispatcher', 'tracking'] as const).flatMap((kind): Series[] => {
      const color = COLORS[result.shape][kind]
      const label = `${result.shape} ${kind}`
      return [
        { label: `${label} p50`, color, dashed: false, values: result[kind].p50BySecond },
        { label: `${label} p99`, color, dashed: true, values: result[kind].p99BySecond },
      ]
    }),
  )
  return latencyChart('ping → screen latency, by second', series, [
    CITY_TARGET.maxP50Ms,
    CITY_TARGET.maxP99Ms,
  ])
}
