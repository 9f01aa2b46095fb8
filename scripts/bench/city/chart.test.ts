import { describe, expect, it } from 'vitest'
import { latencyChart } from './chart'

const pointsOf = (svg: string) =>
  [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((match) =>
    match[1]!.split(' ').map((point) => point.split(',').map(Number)),
  )

describe('the latency chart', () => {
  it('draws a line per series, later seconds to the right, slower higher up', () => {
    const svg = latencyChart(
      't',
      [{ label: 'a p50', color: '#000', dashed: false, values: [10, 100, 1_000] }],
      [],
    )
    const [line] = pointsOf(svg)
    expect(line).toHaveLength(3)
    const [[x0, y0], [x1, y1], [x2, y2]] = line as [
      [number, number],
      [number, number],
      [number, number],
    ]
    expect(x0 < x1 && x1 < x2).toBe(true)
    // A log scale: each tenfold step climbs the same height.
    expect(y0 > y1 && y1 > y2).toBe(true)
    expect(Math.abs(y0 - y1 - (y1 - y2))).toBeLessThan(0.2)
  })

  it('skips seconds with nothing due and puts copies that never came on the top edge', () => {
    const svg = latencyChart(
      't',
      [{ label: 'p99', color: '#000', dashed: true, values: [5, Number.NaN, Infinity] }],
      [],
    )
    const [line] = pointsOf(svg)
    expect(line).toHaveLength(2)
    expect(line![1]![1]).toBe(36)
    expect(svg).toContain('stroke-dasharray="6 3"')
  })

  it('scales up past a second when the run falls behind, and draws the targets', () => {
    const svg = latencyChart(
      'ping → screen <city>',
      [{ label: 'x', color: '#000', dashed: false, values: [20, 45_000] }],
      [25, 100],
    )
    expect(svg).toContain('>100 s</text>')
    expect(svg).toContain('target 25 ms')
    expect(svg).toContain('target 100 ms')
    expect(svg).toContain('ping → screen &lt;city&gt;')
  })
})
