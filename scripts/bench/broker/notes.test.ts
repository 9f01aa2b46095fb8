import { describe, expect, it } from 'vitest'
import { brokerNotes } from './notes'
import type { BrokerDetails } from './run'

const details: BrokerDetails = {
  appendWarmupSeconds: 1,
  appendSeconds: 4,
  dispatcherConcurrency: 64,
  connections: 32,
  warmupSeconds: 2,
  durationSeconds: 8,
  offeredRate: 1_000,
  latencySeconds: 8,
  backlogAtEnd: 1_234,
  drainMs: 1_520,
  dispatcher: { a: { delivered: 9, retried: 1, deadLettered: 0, replies: 0 } },
}

describe('brokerNotes', () => {
  it('says why the broker rows are missing', () => {
    expect(brokerNotes({ skipped: 'no Redis' })).toBe('Broker rows skipped: no Redis.')
  })

  it('says how the broker was loaded, what it left behind and what it retried', () => {
    const notes = brokerNotes(details)
    expect(notes).toContain('32 connections')
    expect(notes).toContain('dispatcher concurrency 64')
    expect(notes).toContain('left 1234 events in Redis, delivered 1.5 s later')
    expect(notes).toContain('retried 1 and dead-lettered 0')
  })
})
