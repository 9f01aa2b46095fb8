import { describe, expect, it } from 'vitest'
import { emptyReport, type Sample } from './report'
import { parseThresholdKey, thresholdProblems } from './threshold-problems'

const sample = (metric: string, type: Sample['type'], tags: Record<string, string> = {}) => ({
  metric,
  type,
  value: 1,
  tags,
})

const judge = (thresholds: Record<string, unknown[]>, samples: Sample[]) =>
  thresholdProblems({ ...emptyReport(), options: { thresholds }, samples })

describe('parseThresholdKey', () => {
  it('reads a metric with its tags, quoted or not', () => {
    expect(parseThresholdKey('checks')).toEqual({ metric: 'checks', tags: {} })
    expect(parseThresholdKey('http_req_duration{endpoint:track, status:"200"}')).toEqual({
      metric: 'http_req_duration',
      tags: { endpoint: 'track', status: '200' },
    })
  })

  it('refuses what is no metric key', () => {
    expect(parseThresholdKey('http req')).toBeNull()
    expect(parseThresholdKey('http_reqs{endpoint}')).toBeNull()
  })
})

describe('thresholdProblems', () => {
  const emitted = [
    sample('http_req_duration', 'trend', { endpoint: 'track' }),
    sample('http_req_failed', 'rate', { endpoint: 'track' }),
  ]

  it('accepts thresholds on emitted metrics and tags, aggregated as their type allows', () => {
    const thresholds = {
      'http_req_duration{endpoint:track}': ['p(95)<250', 'p(99.9) < 600', { threshold: 'avg<100' }],
      'http_req_failed{endpoint:track}': ['rate<0.01'],
    }
    expect(judge(thresholds, emitted)).toEqual([])
  })

  it('names a threshold on a metric the script never emits', () => {
    expect(judge({ ping_to_screen: ['p(95)<500'] }, emitted)).toEqual([
      'ping_to_screen: the script never emits ping_to_screen',
    ])
  })

  it('names a threshold on a tag no sample carries', () => {
    expect(judge({ 'http_req_duration{endpoint:trak}': ['p(95)<250'] }, emitted)).toEqual([
      'http_req_duration{endpoint:trak}: no http_req_duration sample carries {"endpoint":"trak"}',
    ])
  })

  it('names an aggregation the metric type does not have, and a malformed condition', () => {
    expect(
      judge({ 'http_req_failed{endpoint:track}': ['p(95)<1', 'rate less than 1'] }, emitted),
    ).toEqual([
      'http_req_failed{endpoint:track}: p(95) does not apply to a rate metric',
      'http_req_failed{endpoint:track}: "rate less than 1" is not a threshold',
    ])
  })
})
