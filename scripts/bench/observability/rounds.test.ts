import { describe, expect, it } from 'vitest'
import type { Measurement } from '../measure'
import { combineRounds } from './rounds'

function round(requests: number, p50Ms: number, p99Ms: number, failed = 0): Measurement {
  return {
    requestsPerSecond: requests / 2,
    p50Ms,
    p99Ms,
    requests,
    non2xx: failed,
    errors: 0,
    timeouts: 0,
    statusCodes: failed ? { 200: requests - failed, 500: failed } : { 200: requests },
  }
}

describe('combineRounds', () => {
  it('rates the requests of every round over the time of all of them', () => {
    const combined = combineRounds([round(2000, 3, 9), round(3000, 2, 8), round(1000, 5, 20)], 2)
    expect(combined.requestsPerSecond).toBe(1000)
    expect(combined.requests).toBe(6000)
  })

  it('keeps the median round’s p50 and the worst round’s p99', () => {
    const combined = combineRounds([round(2000, 3, 9), round(3000, 2, 8), round(1000, 5, 20)], 2)
    expect(combined).toMatchObject({ p50Ms: 3, p99Ms: 20 })
  })

  it('adds up failures and the count per status, so a broken round breaks the row', () => {
    const combined = combineRounds([round(2000, 3, 9, 5), round(3000, 2, 8)], 2)
    expect(combined).toMatchObject({ non2xx: 5, statusCodes: { 200: 4995, 500: 5 } })
  })
})
