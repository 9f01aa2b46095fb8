/** One line of the chart: a latency percentile by second of the measured window. */
export interface Series {
  label: string
  color: string
  /** Dashed, for the p99 beside its p50. */
  dashed: boolean
  /** Ms by second; NaN where no ping was due, Infinity where the copies never arrived. */
  values: readonly number[]
}

const WIDTH = 860
const HEIGHT = 420
const PLOT = { left: 64, right: 620, top: 36, bottom: 370 }
// Latency spans 1 ms to tens of seconds in a run that falls behind: a log scale shows both.
const MIN_MS = 1

/**
 * An SVG line chart of latency over time, log scale, with the target lines drawn across:
 * no dependency for a handful of polylines. A point that never arrived sits on the top edge.
 *
 * @example
 * latencyChart('ping → screen', [{ label: 'p50', color: '#06c', dashed: false, values: [12, 14] }], [25, 100])
 */
export function latencyChart(
  title: string,
  series: readonly Series[],
  targetsMs: number[],
): string {
  const finite = series.flatMap((line) => line.values.filter(Number.isFinite))
  const decades = Math.max(3, Math.ceil(Math.log10(Math.max(MIN_MS, ...finite))))
  const seconds = Math.max(2, ...series.map((line) => line.values.length))
  const x = (second: number) =>
    PLOT.left + ((PLOT.right - PLOT.left) * second) / Math.max(1, seconds - 1)
  const y = (ms: number) => {
    const share = Math.log10(Math.min(Math.max(ms, MIN_MS), 10 ** decades)) / decades
    return PLOT.bottom - (PLOT.bottom - PLOT.top) * share
  }
  const px = (value: number) => value.toFixed(1)

  const grid = Array.from({ length: decades + 1 }, (_, decade) => {
    const at = px(y(10 ** decade))
    return (
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${at}" y2="${at}" stroke="#ddd"/>` +
      `<text x="${PLOT.left - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">` +
      `${formatMs(10 ** decade)}</text>`
    )
  })
  const ticks = Array.from({ length: seconds }, (_, second) => second)
    .filter((second) => second % Math.max(1, Math.ceil(seconds / 12)) === 0)
    .map(
      (second) =>
        `<text x="${px(x(second))}" y="${PLOT.bottom + 16}" text-anchor="middle">${second}</text>`,
    )
  const targets = targetsMs.map((ms) => {
    const at = px(y(ms))
    return (
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${at}" y2="${at}" stroke="#c00" ` +
      `stroke-dasharray="2 4"/><text x="${PLOT.right - 4}" y="${Number(at) - 4}" ` +
      `text-anchor="end" fill="#c00">target ${formatMs(ms)}</text>`
    )
  })
  const lines = series.map((line) => {
    const points = line.values
      .map((ms, second) => (Number.isNaN(ms) ? '' : `${px(x(second))},${px(y(ms))}`))
      .filter(Boolean)
      .join(' ')
    const dash = line.dashed ? ' stroke-dasharray="6 3"' : ''
    return `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="1.5"${dash}/>`
  })
  const legend = series.map((line, i) => {
    const at = PLOT.top + 8 + i * 18
    const dash = line.dashed ? ' stroke-dasharray="6 3"' : ''
    return (
      `<line x1="${PLOT.right + 16}" x2="${PLOT.right + 44}" y1="${at}" y2="${at}" ` +
      `stroke="${line.color}" stroke-width="1.5"${dash}/>` +
      `<text x="${PLOT.right + 50}" y="${at}" dominant-baseline="middle">${escape(line.label)}</text>`
    )
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${PLOT.left}" y="20" font-size="14">${escape(title)}</text>`,
    ...grid,
    ...ticks,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 12}" text-anchor="middle">` +
      `second of the measured window (by the ping's send time)</text>`,
    ...targets,
    ...lines,
    ...legend,
    '</svg>',
    '',
  ].join('\n')
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
