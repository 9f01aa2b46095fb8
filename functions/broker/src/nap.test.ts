import { describe, expect, it } from 'vitest'
import { interruptibleNap } from './nap'

const since = (start: number) => performance.now() - start

describe('interruptibleNap', () => {
  it('waits as long as asked when no news comes', async () => {
    const nap = interruptibleNap(new AbortController().signal)
    const start = performance.now()
    expect(await nap.take(200)).toBe(true)
    expect(since(start)).toBeGreaterThanOrEqual(195)
  })

  it('ends a long wait soon after news, and never lengthens a short one', async () => {
    const nap = interruptibleNap(new AbortController().signal)
    let start = performance.now()
    const long = nap.take(5_000)
    nap.endWithin(50)
    await long
    expect(since(start)).toBeGreaterThanOrEqual(45)
    expect(since(start)).toBeLessThan(2_000)

    start = performance.now()
    const short = nap.take(100)
    nap.endWithin(3_000)
    await short
    expect(since(start)).toBeLessThan(2_000)
  })

  it('ends at once when stopped, and takes no more waits after', async () => {
    const stopping = new AbortController()
    const nap = interruptibleNap(stopping.signal)
    const start = performance.now()
    const napping = nap.take(5_000)
    stopping.abort()
    expect(await napping).toBe(false)
    expect(await nap.take(5_000)).toBe(false)
    expect(since(start)).toBeLessThan(1_000)
  })
})
