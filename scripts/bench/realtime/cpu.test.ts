import { describe, expect, it } from 'vitest'
import { coresUsed, machineBusySeconds, processSeconds } from './cpu'

describe('processSeconds', () => {
  it('adds user and system time, even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (node (a b)) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0'
    expect(processSeconds(stat)).toBe(3.25)
  })
})

describe('machineBusySeconds', () => {
  it('counts every core busy, not idle, waiting for I/O or stolen', () => {
    const stat = 'cpu  1000 10 300 5000 70 0 90 40 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n'
    expect(machineBusySeconds(stat)).toBe(14)
  })
})

describe('coresUsed', () => {
  it('turns CPU seconds between two samples into cores over the elapsed time', () => {
    const used = coresUsed({ server: 10, machine: 100 }, { server: 11.5, machine: 103 }, 2_000)
    expect(used).toEqual({ server: 0.75, machine: 1.5 })
  })

  it('leaves out what the first sample did not have', () => {
    expect(coresUsed({}, { server: 3 }, 1_000)).toEqual({})
  })
})
