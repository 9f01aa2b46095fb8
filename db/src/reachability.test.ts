import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DatabaseUnavailableError } from './connection-errors'
import { createReachability } from './reachability'

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
})

describe('reachability', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['performance'] }))
  afterEach(() => vi.useRealTimers())

  it('admits every connection while the database answers', () => {
    const reachability = createReachability({ retryAfterMs: 1_000 })
    expect(() => reachability.admit()).not.toThrow()
    expect(() => reachability.admit()).not.toThrow()
  })

  it('refuses connections at once after one failed, then lets a single probe through', () => {
    const reachability = createReachability({ retryAfterMs: 1_000 })
    reachability.failed(refused)
    expect(() => reachability.admit()).toThrow(DatabaseUnavailableError)
    vi.advanceTimersByTime(1_000)
    expect(() => reachability.admit()).not.toThrow()
    // The probe is out: the others keep failing fast until it comes back.
    expect(() => reachability.admit()).toThrow(/ECONNREFUSED/)
    reachability.failed(refused)
    expect(() => reachability.admit()).toThrow(DatabaseUnavailableError)
  })

  it('admits everything again once a probe connects, telling each change once', () => {
    const onChange = vi.fn()
    const reachability = createReachability({ retryAfterMs: 1_000, onChange })
    reachability.failed(refused)
    reachability.failed(refused)
    vi.advanceTimersByTime(1_000)
    reachability.admit()
    reachability.reached()
    expect(() => reachability.admit()).not.toThrow()
    expect(onChange.mock.calls).toEqual([
      [false, refused.message],
      [true, refused.message],
    ])
  })
})
