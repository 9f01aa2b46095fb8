import { describe, expect, it } from 'vitest'
import { arrivedWithin, copiesIn, LatencyCounts, latencyPercentile } from './histogram'

describe('latency histogram', () => {
  it('ranks latencies by whole millisecond, nearest rank', () => {
    const counts = new LatencyCounts()
    for (const ms of [3.4, 1, 2, 4, 100]) counts.add(ms)
    const histogram = counts.toJSON()
    expect(latencyPercentile(histogram, 50)).toBe(3)
    expect(latencyPercentile(histogram, 80)).toBe(4)
    expect(latencyPercentile(histogram, 99)).toBe(100)
  })

  it('puts copies that never arrived above every latency', () => {
    const counts = new LatencyCounts()
    counts.add(10, 98)
    counts.add(undefined, 2)
    const histogram = counts.toJSON()
    expect(latencyPercentile(histogram, 98)).toBe(10)
    expect(latencyPercentile(histogram, 99)).toBe(Number.POSITIVE_INFINITY)
    expect(copiesIn(histogram)).toBe(100)
  })

  it('merges histograms from several processes exactly', () => {
    const a = new LatencyCounts()
    a.add(5)
    a.add(undefined)
    const b = new LatencyCounts()
    b.add(5, 2)
    b.add(2000)
    const merged = new LatencyCounts().merge(a.toJSON()).merge(b.toJSON()).toJSON()
    expect(copiesIn(merged)).toBe(5)
    expect(arrivedWithin(merged, 1000)).toBe(3)
  })

  it('has no percentile when empty', () => {
    expect(latencyPercentile(new LatencyCounts().toJSON(), 50)).toBeNaN()
  })
})
