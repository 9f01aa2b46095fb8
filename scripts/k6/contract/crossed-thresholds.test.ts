import { describe, expect, it } from 'vitest'
import { judgeSmokeThresholds } from './crossed-thresholds'

describe('judgeSmokeThresholds', () => {
  it('holds a smoke run to its rates and counts, and only shows the percentiles it crossed', () => {
    const judged = judgeSmokeThresholds({
      metrics: {
        'http_req_duration{endpoint:ping}': {
          thresholds: { 'p(95)<200': true, 'p(99)<500': false },
        },
        'http_req_failed{endpoint:ping}': { thresholds: { 'rate<0.01': true } },
        ping_to_screen: { thresholds: { 'avg<300': true, 'max < 1000': true } },
        pings_on_screen: { thresholds: { 'rate>0.99': false } },
        http_reqs: { thresholds: { 'count>10': true } },
        iterations: {},
      },
    })
    expect(judged.problems).toEqual([
      'http_req_failed{endpoint:ping} rate<0.01 crossed',
      'http_reqs count>10 crossed',
    ])
    expect(judged.shown).toEqual([
      'http_req_duration{endpoint:ping} p(95)<200 crossed',
      'ping_to_screen avg<300 crossed',
      'ping_to_screen max < 1000 crossed',
    ])
  })
})
