import { describe, expect, it } from 'vitest'
import { cityOptions } from './options'
import type { ShapeResult } from '../city-shape'
import { formatCityTables, metTarget, targetTable } from './table'
import type { KindSummary } from './summary'

const kind = (overrides: Partial<KindSummary> = {}): KindSummary => ({
  sockets: 50,
  expected: 1_000,
  delivered: 1,
  neverArrived: 0,
  p50Ms: 12,
  p95Ms: 40,
  p99Ms: 80,
  bytesPerSecondPerSocket: 1234.4,
  p50BySecond: [12],
  p99BySecond: [80],
  ...overrides,
})

const result = (overrides: Partial<ShapeResult> = {}): ShapeResult => ({
  shape: 'one-process',
  connected: { dispatchers: 50, tracking: 4_950, refused: {} },
  connectMs: 3_000,
  pings: {
    sent: 140_000,
    statusCodes: { '202': 139_990, '503': 10 },
    errors: 0,
    answerMs: { p50: 3, p95: 9, p99: 20 },
    elapsedMs: 70_000,
    rampMs: 5_000,
    targetPerSecond: 2_000,
    acceptedPerSecond: 1_999,
  },
  dispatcher: kind(),
  tracking: kind({ sockets: 4_950, bytesPerSecondPerSocket: 30 }),
  disconnects: {},
  cores: { server: 0.81, pinger: 0.2, 'sockets 1': 0.1, bench: 0, machine: 1.5 },
  loadGeneratorCores: 0.3,
  socketsLoopDelayMs: { p99: 21, max: 48 },
  rss: { server: { mb: 300, peakMb: 320 } },
  pauses: { server: { gcShare: 0.0234, loopLateP99Ms: 18, loopLateMaxMs: 95 } },
  unscraped: [],
  ...overrides,
})

describe('the city tables', () => {
  it('meets the target only with p50, p99 and every copy within a second', () => {
    expect(metTarget(kind())).toBe(true)
    expect(metTarget(kind({ p50Ms: 26 }))).toBe(false)
    expect(metTarget(kind({ p99Ms: 101 }))).toBe(false)
    expect(metTarget(kind({ delivered: 0.9999 }))).toBe(false)
  })

  it('prints a line per shape and kind of socket, and the target under them', () => {
    const slow = kind({ p50Ms: 2_400, p99Ms: Infinity, delivered: 0.41, neverArrived: 30 })
    const lines = targetTable([result(), result({ shape: 'cluster', dispatcher: slow })]).split(
      '\n',
    )
    expect(lines[0]).toMatch(/^shape\s+sockets\s+p50 ms\s+p95 ms\s+p99 ms\s+≤ 1 s\s+never/)
    expect(lines[1]).toMatch(
      /^one-process\s+50 dispatcher\s+12\s+40\s+80\s+100\.0 %\s+0\s+1234\s+yes$/,
    )
    expect(lines[3]).toMatch(
      /^cluster\s+50 dispatcher\s+2400\s+40\s+never\s+41\.0 %\s+30\s+1234\s+no$/,
    )
    expect(lines[5]).toMatch(/^target\s+≤ 25\s+≤ 100\s+100\.0 %$/)
  })

  it('never rounds a near miss up to the 100 % target', () => {
    expect(targetTable([result({ tracking: kind({ delivered: 0.99996 }) })])).toContain('99.9 %')
  })

  it('prints the pings and each process with its pauses and the load generator share', () => {
    const text = formatCityTables(cityOptions([], {}), [result()], 21_209)
    expect(text).toMatch(/^city: 10000 drivers pinging every 5 s, 50 dispatcher and 4950 tracking/)
    expect(text).toContain("npm run bench's hello world answered 21209/s at 64 connections")
    expect(text).toMatch(/one-process\s+2000\s+1999\s+3\s+9\s+20\s+10\s+0/)
    expect(text).toMatch(/one-process\s+server\s+0\.81\s+300\s+320\s+2\.3 %\s+18 \/ 95$/m)
    // The load generator's processes serve no /metrics.
    expect(text).toMatch(/one-process\s+pinger\s+0\.20\s+—\s+—\s+—\s+—$/m)
    expect(text).toMatch(/one-process\s+load generator \(pinger, sockets, bench\)\s+0\.30/)
    expect(text).toContain('event loop ran p99 21 ms, max 48 ms late')
    expect(text).not.toContain('answered no /metrics scrape')
  })

  it('says which servers were too busy to give their pauses', () => {
    const busy = result({ pauses: {}, unscraped: ['server'] })
    const text = formatCityTables(cityOptions([], {}), [busy], 21_209)
    expect(text).toMatch(/one-process\s+server\s+0\.81\s+300\s+320\s+—\s+—$/m)
    expect(text).toContain('one-process: server answered no /metrics scrape within 10 s')
  })
})
