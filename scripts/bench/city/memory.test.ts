import { describe, expect, it } from 'vitest'
import { rssOf, sampleRss } from './memory'

describe('resident memory', () => {
  it('reads now and the high-water mark from a status text, in MiB', () => {
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n'
    expect(rssOf(status)).toEqual({ mb: 100, peakMb: 200 })
    expect(rssOf('Name:\tkthreadd\n')).toBeUndefined()
  })

  it('leaves out a process that is gone', async () => {
    const sampled = await sampleRss({ bench: process.pid, gone: 2 ** 22 + 1 })
    expect(Object.keys(sampled)).toEqual(process.platform === 'linux' ? ['bench'] : [])
  })
})
