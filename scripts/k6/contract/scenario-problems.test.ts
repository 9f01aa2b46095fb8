import { describe, expect, it } from 'vitest'
import { emptyReport } from './report'
import { scenarioProblems } from './scenario-problems'

const judge = (scenarios: Record<string, Record<string, unknown>>, functions = ['ping']) =>
  scenarioProblems({ ...emptyReport(), options: { scenarios }, functions })

const pinging = {
  executor: 'constant-arrival-rate',
  exec: 'ping',
  rate: 1,
  timeUnit: '2s',
  duration: '5m',
  preAllocatedVUs: 1,
  maxVUs: 2,
  env: { DRIVER_EMAIL: 'joao.silva@estrela.example' },
}

describe('scenarioProblems', () => {
  it('accepts a well-formed scenario whose exec function the script exports', () => {
    expect(judge({ driver_1: pinging })).toEqual([])
  })

  it('names an executor k6 does not have', () => {
    expect(judge({ driver_1: { ...pinging, executor: 'constant-rate' } })).toEqual([
      'driver_1: no executor "constant-rate"',
    ])
  })

  it('names a misspelt field, and the required one it leaves out', () => {
    const { preAllocatedVUs: _, ...rest } = pinging
    expect(judge({ driver_1: { ...rest, preallocatedVUs: 1, maxVUs: 2 } })).toEqual([
      'driver_1: constant-arrival-rate takes no preallocatedVUs',
      'driver_1: needs preAllocatedVUs',
    ])
  })

  it('names malformed durations and counts, and an exec that is no exported function', () => {
    expect(
      judge({
        driver_1: { ...pinging, duration: '5 minutes', rate: 0.5, maxVUs: 0, exec: 'pong' },
      }),
    ).toEqual([
      'driver_1: duration "5 minutes" is not a k6 duration',
      'driver_1: rate must be a whole number ≥ 1',
      'driver_1: maxVUs must be a whole number ≥ 1',
      'driver_1: maxVUs must be at least preAllocatedVUs',
      'driver_1: exec pong is no function the script exports',
    ])
  })

  it('names ramping stages without a duration', () => {
    const ramp = { executor: 'ramping-vus', exec: 'ping', stages: [{ target: 5 }] }
    expect(judge({ ramp })).toEqual([
      'ramp: stage {"target":5} needs a duration and a whole target',
    ])
  })

  it('counts a script without scenarios as a problem', () => {
    expect(judge({})).toEqual(['declares no scenarios'])
  })
})
