import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from './alert'
import { createHold } from './hold'

const short = (available: number): Alert => ({
  subject: 'deployment/realtime',
  kind: 'deployment_unavailable',
  severity: 'warning',
  summary: `realtime has ${available} of 2 replicas available`,
  numbers: { availableReplicas: available },
  commands: [],
  holdMs: 60_000,
})

let raised: Alert[]
let hold: ReturnType<typeof createHold>

beforeEach(() => {
  vi.useFakeTimers()
  raised = []
  hold = createHold((alert) => raised.push(alert))
})

afterEach(() => {
  hold.stop()
  vi.useRealTimers()
})

describe('createHold', () => {
  it('raises an alert without a hold at once', () => {
    const { holdMs: _holdMs, ...immediate } = short(1)
    hold.evaluate('pods/p', [immediate])
    expect(raised).toEqual([immediate])
  })

  it('raises a held alert once its object kept calling for it, with the latest numbers', () => {
    hold.evaluate('deployments/realtime', [short(1)])
    vi.advanceTimersByTime(30_000)
    hold.evaluate('deployments/realtime', [short(0)])
    expect(raised).toEqual([])
    vi.advanceTimersByTime(30_000)
    expect(raised).toEqual([short(0)])
    hold.evaluate('deployments/realtime', [short(0)])
    vi.advanceTimersByTime(120_000)
    expect(raised).toHaveLength(1)
  })

  it('drops a held alert when its object recovers or goes away within the hold', () => {
    hold.evaluate('deployments/realtime', [short(1)])
    hold.evaluate('deployments/realtime', [])
    hold.evaluate('deployments/dispatcher', [{ ...short(1), subject: 'deployment/dispatcher' }])
    hold.evaluate('deployments/dispatcher', [])
    vi.advanceTimersByTime(120_000)
    expect(raised).toEqual([])
  })

  it('holds again after a recovery: a second outage is told too', () => {
    hold.evaluate('deployments/realtime', [short(1)])
    vi.advanceTimersByTime(60_000)
    hold.evaluate('deployments/realtime', [])
    hold.evaluate('deployments/realtime', [short(0)])
    vi.advanceTimersByTime(60_000)
    expect(raised).toEqual([short(1), short(0)])
  })
})
