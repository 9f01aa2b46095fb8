import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert, Notice } from './alert'
import { createDeduplicator } from './dedup'

const WINDOW = 600_000
const crashLoop = (restartCount: number): Alert => ({
  subject: 'pod/realtime-7c9f-x2',
  kind: 'crash_loop',
  severity: 'critical',
  summary: 'crash looping',
  numbers: { restartCount },
  commands: [],
})

let notices: Notice[]
let dedup: ReturnType<typeof createDeduplicator>

beforeEach(() => {
  vi.useFakeTimers()
  notices = []
  dedup = createDeduplicator({ windowMs: WINDOW, notify: (notice) => notices.push(notice) })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createDeduplicator', () => {
  it('sends the first alert at once and folds its repeats into one follow-up', () => {
    for (let restarts = 1; restarts <= 10; restarts++) dedup.raise(crashLoop(restarts))
    expect(notices).toEqual([{ alert: crashLoop(1), followUp: false, occurrences: 1, periodMs: 0 }])
    vi.advanceTimersByTime(WINDOW)
    expect(notices).toHaveLength(2)
    expect(notices[1]).toEqual({
      alert: crashLoop(10),
      followUp: true,
      occurrences: 10,
      periodMs: WINDOW,
    })
  })

  it('sends no follow-up when nothing repeated, and the next alert at once again', () => {
    dedup.raise(crashLoop(1))
    vi.advanceTimersByTime(WINDOW)
    expect(notices).toHaveLength(1)
    dedup.raise(crashLoop(2))
    expect(notices.map((n) => n.followUp)).toEqual([false, false])
  })

  it('keeps summarising once per window while the repeats go on', () => {
    dedup.raise(crashLoop(1))
    dedup.raise(crashLoop(2))
    vi.advanceTimersByTime(WINDOW)
    dedup.raise(crashLoop(3))
    dedup.raise(crashLoop(4))
    dedup.raise(crashLoop(5))
    vi.advanceTimersByTime(WINDOW)
    expect(notices.map(({ followUp, occurrences }) => ({ followUp, occurrences }))).toEqual([
      { followUp: false, occurrences: 1 },
      { followUp: true, occurrences: 2 },
      { followUp: true, occurrences: 3 },
    ])
    vi.advanceTimersByTime(WINDOW)
    expect(notices).toHaveLength(3)
  })

  it('counts each subject and kind on its own', () => {
    dedup.raise(crashLoop(1))
    dedup.raise({ ...crashLoop(1), subject: 'pod/other' })
    dedup.raise({ ...crashLoop(1), kind: 'oom_killed' })
    expect(notices).toHaveLength(3)
  })

  it('sends what a window counted so far when flushed at shutdown', () => {
    dedup.raise(crashLoop(1))
    vi.advanceTimersByTime(60_000)
    dedup.raise(crashLoop(2))
    dedup.flush()
    expect(notices[1]).toMatchObject({ followUp: true, occurrences: 2, periodMs: 60_000 })
    vi.advanceTimersByTime(WINDOW)
    expect(notices).toHaveLength(2)
  })
})
