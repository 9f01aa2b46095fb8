import { describe, expect, it } from 'vitest'
import { pausesOf, readRuntime } from './pauses'

// What prom-client's defaults print, cut to the lines read here and a few around them.
const exposition = (gc: { minor: number; major: number }, lagP99: number, lagMax: number) => `
# HELP nodejs_eventloop_lag_max_seconds The maximum recorded event loop delay.
# TYPE nodejs_eventloop_lag_max_seconds gauge
nodejs_eventloop_lag_max_seconds ${lagMax}
nodejs_eventloop_lag_p50_seconds 0.010137
nodejs_eventloop_lag_p99_seconds ${lagP99}
# TYPE nodejs_gc_duration_seconds histogram
nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 3
nodejs_gc_duration_seconds_sum{kind="minor"} ${gc.minor}
nodejs_gc_duration_seconds_count{kind="minor"} 140
nodejs_gc_duration_seconds_sum{kind="major"} ${gc.major}
nodejs_gc_duration_seconds_count{kind="major"} 2
dropmate_location_pings_total{mode="binary"} 120000
`

describe("a server process's pauses", () => {
  it('adds the GC of every kind and reads the loop delay in milliseconds', () => {
    const reading = readRuntime(exposition({ minor: 1.5, major: 0.25 }, 0.0342, 0.081), 500)
    expect(reading.atMs).toBe(500)
    expect(reading.gcSeconds).toBeCloseTo(1.75)
    expect(reading.loopP99Ms).toBeCloseTo(34.2)
    expect(reading.loopMaxMs).toBeCloseTo(81)
  })

  it("gives GC's share of the time between the scrapes, and lateness past the monitor's 10 ms", () => {
    const before = { ingest: readRuntime(exposition({ minor: 1, major: 0 }, 0.02, 0.05), 1_000) }
    const after = {
      // 2 s of GC in the 40 s between the answers, however late the first one came.
      ingest: readRuntime(exposition({ minor: 2.5, major: 0.5 }, 0.0342, 0.081), 41_000),
      // Not read when the window began: no window to give.
      gateway: readRuntime(exposition({ minor: 1, major: 0 }, 0.011, 0.012), 41_000),
    }
    const pauses = pausesOf(before, after)
    expect(Object.keys(pauses)).toEqual(['ingest'])
    expect(pauses.ingest!.gcShare).toBeCloseTo(0.05)
    expect(pauses.ingest).toMatchObject({ loopLateP99Ms: 24, loopLateMaxMs: 71 })
  })

  it('reads nothing it does not know as a figure, and an idle loop as on time', () => {
    const idle = '# HELP only comments\n\nnodejs_eventloop_lag_p99_seconds 0.0101\n'
    expect(readRuntime(idle, 0)).toEqual({ atMs: 0, gcSeconds: 0, loopP99Ms: 10.1, loopMaxMs: 0 })
    const pauses = pausesOf({ p: readRuntime(idle, 0) }, { p: readRuntime(idle, 1_000) })
    expect(pauses.p).toEqual({ gcShare: 0, loopLateP99Ms: 0, loopLateMaxMs: 0 })
  })
})
