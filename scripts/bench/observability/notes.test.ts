import { describe, expect, it } from 'vitest'
import { observabilityNotes } from './notes'

describe('observabilityNotes', () => {
  it('says what watching costs the tracking function in CPU per lookup', () => {
    expect(observabilityNotes({ cpuMicrosecondsPerRequest: { off: 80, on: 92 } })).toBe(
      'Observability: the tracking function used 80 µs of CPU per lookup with logs, metrics ' +
        'and traces off, 92 µs with them on: 12 µs more (15%).',
    )
  })

  it('says so when the machine has no /proc to read CPU time from', () => {
    const notes = observabilityNotes({ cpuMicrosecondsPerRequest: { off: NaN, on: NaN } })
    expect(notes).toBe('Observability: no CPU figures (no /proc).')
  })
})
