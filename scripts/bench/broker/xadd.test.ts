import { createMemoryTransport, type BrokerTransport } from '@dropmate/events'
import { describe, expect, it } from 'vitest'
import { measureAppends } from './xadd'

describe('measureAppends', () => {
  it('appends batches back to back and counts events, not calls', async () => {
    const batches: number[] = []
    const memory = createMemoryTransport()
    const transport: BrokerTransport = {
      ...memory,
      append: (events) => (batches.push(events.length), memory.append(events)),
    }
    const shape = { batch: 50, warmupSeconds: 0.01, durationSeconds: 0.05 }
    const measured = await measureAppends(
      transport,
      async () => {},
      '{}',
      shape,
      AbortSignal.timeout(5_000),
    )
    expect(new Set(batches)).toEqual(new Set([50]))
    expect(measured.requests % 50).toBe(0)
    expect(measured.requestsPerSecond).toBeGreaterThan(0)
    expect(measured.p99Ms).toBeGreaterThanOrEqual(measured.p50Ms)
    await memory.close()
  })

  it('empties the stream every 10,000 events, off the clock', async () => {
    let resets = 0
    const transport = createMemoryTransport()
    const shape = { batch: 1_000, warmupSeconds: 0, durationSeconds: 0.2 }
    const reset = async () => void resets++
    const measured = await measureAppends(transport, reset, '{}', shape, AbortSignal.timeout(5_000))
    expect(resets).toBe(Math.floor(measured.requests / 10_000))
    await transport.close()
  })
})
