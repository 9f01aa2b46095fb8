import { describe, expect, it } from 'vitest'
import type { Sample } from './k6-output'
import { parseThresholdKey, thresholdProblems } from './threshold-problems'

const sample = (metric: string, type: Sample['type'], tags: Record<string, string> = {}) => ({
  metric,
  type,
  value: 1,
  tags,
})

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
    sample('http_req_duration', 'trend', { endpoint: 'track', status: '200' }),
    sample('checks', 'rate', { check: 'parcel found' }),
  ]

  it('accepts thresholds on emitted metrics, with or without tags some sample carries', () => {
    const thresholds = ['http_req_duration{endpoint:track}', 'http_req_duration', 'checks']
    expect(thresholdProblems(thresholds, emitted)).toEqual([])
  })

  it('names a threshold on a tag no sample carries, or on a metric the run never emitted', () => {
    expect(
      thresholdProblems(['http_req_duration{endpoint:trak}', 'ping_to_screen'], emitted),
    ).toEqual([
      'http_req_duration{endpoint:trak}: no http_req_duration sample carries {"endpoint":"trak"}',
      'ping_to_screen: no ping_to_screen sample carries {}',
    ])
  })

  it('names a key k6 could not have meant', () => {
    expect(thresholdProblems(['http req'], emitted)).toEqual([
      'http req: not a metric{tag:value} key',
    ])
  })
})
