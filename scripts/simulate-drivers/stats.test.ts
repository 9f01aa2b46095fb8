import { describe, expect, it } from 'vitest'
import { formatSummary, Stats } from './stats'

describe('Stats', () => {
  it('sums up a run on one line, errors by kind, most frequent first', () => {
    const stats = new Stats(() => {})
    stats.requests.binary = 258
    stats.requests.structured = 11
    stats.requests.batch = 2
    stats.add('pings', 294)
    stats.add('batchedPings', 25)
    stats.add('deadZones', 2)
    stats.add('pickedUp')
    stats.add('delivered')
    stats.error('network ECONNREFUSED', 'refused')
    stats.error('503 location_store_unavailable', 'down')
    stats.error('503 location_store_unavailable', 'down')
    expect(formatSummary(stats.summary(3, 20_400, 4))).toBe(
      '3 drivers, 20 s: 294 pings accepted (258 binary, 11 structured, 25 in 2 batches), ' +
        '2 dead zones, 1 picked up, 1 delivered, 0 failed attempts, 4 queued; ' +
        'errors: 503 location_store_unavailable ×2, network ECONNREFUSED ×1',
    )
  })

  it('warns once per kind of error and only counts the rest', () => {
    const lines: string[] = []
    const stats = new Stats((line) => lines.push(line))
    stats.error('400 invalid_ping', 'first')
    stats.error('400 invalid_ping', 'second')
    expect(lines).toEqual(['warning: first (400 invalid_ping; further ones are only counted)'])
    expect(stats.summary(1, 0, 0).errors).toEqual({ '400 invalid_ping': 2 })
  })
})
