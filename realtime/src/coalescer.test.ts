import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCoalescer } from './coalescer'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('createCoalescer', () => {
  it('sends the first at once, then only the newest of those held, once per window', () => {
    const sent: string[] = []
    const coalescer = createCoalescer(250)
    const offer = (what: string) => coalescer.offer('fleet driver-1', () => sent.push(what))
    offer('a')
    offer('b')
    offer('c')
    expect(sent).toEqual(['a'])
    vi.advanceTimersByTime(250)
    expect(sent).toEqual(['a', 'c'])
    offer('d') // within the window the held one opened
    vi.advanceTimersByTime(249)
    expect(sent).toEqual(['a', 'c'])
    vi.advanceTimersByTime(1)
    expect(sent).toEqual(['a', 'c', 'd'])
    vi.advanceTimersByTime(250) // a quiet window
    offer('e')
    expect(sent).toEqual(['a', 'c', 'd', 'e'])
  })

  it('keeps keys apart', () => {
    const sent: string[] = []
    const coalescer = createCoalescer(250)
    coalescer.offer('room-1 driver-1', () => sent.push('1'))
    coalescer.offer('room-2 driver-1', () => sent.push('2'))
    expect(sent).toEqual(['1', '2'])
  })

  it('drops what it holds when closed', () => {
    const sent: string[] = []
    const coalescer = createCoalescer(250)
    coalescer.offer('k', () => sent.push('a'))
    coalescer.offer('k', () => sent.push('b'))
    coalescer.close()
    vi.advanceTimersByTime(1_000)
    expect(sent).toEqual(['a'])
  })
})
