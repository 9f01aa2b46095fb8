import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

export interface ChartSeries {
  label: string
  values: number[]
  color: string
}

const HEIGHT = 220

// Tick steps for counts, from one delivery up.
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 50_000]

/**
 * A chart of values over named categories (reasons, drivers, hours), drawn by uPlot on a
 * canvas: bars, or lines for a series that runs round the clock. The canvas is an image
 * to assistive technology, named by `title`; the table beside it carries the numbers.
 */
export function Chart({
  title,
  kind,
  categoryName,
  categories,
  series,
  counts = true,
}: {
  title: string
  kind: 'bars' | 'lines'
  /** What a category is (Hour, Driver), as the legend names it. */
  categoryName: string
  categories: string[]
  series: ChartSeries[]
  /** Whole numbers: no ticks at 0.5 of a delivery. */
  counts?: boolean
}) {
  const host = useRef<HTMLDivElement>(null)
  // Redrawn when what it shows changes, not whenever the page renders new arrays of it.
  const shown = JSON.stringify([kind, categoryName, categories, series, counts])
  useEffect(() => {
    const element = host.current!
    const bars = uPlot.paths.bars!({ size: [0.7, 64] })
    const plot = new uPlot(
      {
        width: element.clientWidth || 480,
        height: HEIGHT,
        legend: { show: series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.5, categories.length - 0.5] },
          y: { range: (_, __, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            splits: () => categories.map((_, i) => i),
            values: (_, splits) => splits.map((i) => categories[i] ?? ''),
            gap: 4,
          },
          counts ? { incrs: WHOLE_STEPS, values: (_, splits) => splits.map(String) } : {},
        ],
        series: [
          { label: categoryName, value: (_, i) => (i === null ? '–' : (categories[i] ?? '')) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            fill: kind === 'bars' ? `${s.color}cc` : undefined,
            paths: kind === 'bars' ? bars : undefined,
            points: { show: kind === 'lines' },
          })),
        ],
      },
      [categories.map((_, i) => i), ...series.map((s) => s.values)],
      element,
    )
    // The page's column narrows on a phone: the canvas follows its box.
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: element.clientWidth, height: HEIGHT }),
    )
    resize.observe(element)
    return () => {
      resize.disconnect()
      plot.destroy()
    }
  }, [shown])
  return <div class="analytics-chart" ref={host} role="img" aria-label={title} />
}
