import { describe, expect, it } from 'vitest'
import {
  currentWork,
  formatTraceparent,
  parseTraceparent,
  runAsWork,
  startSpan,
  traceExtension,
} from './trace'

const HEADER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'

describe('traceparent', () => {
  it('reads the W3C header and writes it back unchanged', () => {
    const trace = parseTraceparent(HEADER)
    expect(trace).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    })
    expect(formatTraceparent(trace!)).toBe(HEADER)
  })

  it.each([
    ['garbage', 'not-a-trace'],
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['the forbidden version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['version 00 with extra fields', `${HEADER}-extra`],
  ])('treats %s as no trace at all', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined()
  })

  it('accepts a later version with fields it does not know', () => {
    expect(parseTraceparent(`01${HEADER.slice(2)}-what-comes-next`)?.spanId).toBe(
      '00f067aa0ba902b7',
    )
  })

  it('continues the caller trace with a new span, or starts a new trace', () => {
    const parent = parseTraceparent(HEADER)!
    const child = startSpan(parent)
    expect(child.traceId).toBe(parent.traceId)
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/)
    expect(child.spanId).not.toBe(parent.spanId)

    const fresh = startSpan(undefined)
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/)
    expect(fresh.traceId).not.toBe(startSpan(undefined).traceId)
  })
})

describe('work context', () => {
  it('follows async work and gives events its trace, and nothing outside it', async () => {
    const trace = startSpan(undefined)
    expect(traceExtension()).toEqual({})

    await runAsWork({ trace, requestId: 'r1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      expect(currentWork()?.requestId).toBe('r1')
      expect(traceExtension()).toEqual({ traceparent: formatTraceparent(trace) })
    })
    expect(currentWork()).toBeUndefined()
  })
})
