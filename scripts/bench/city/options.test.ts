import { describe, expect, it } from 'vitest'
import { cityOptions, pingRate } from './options'

describe('city options', () => {
  it('is the issue city by default, in both shapes', () => {
    const options = cityOptions([], {})
    expect(options).toMatchObject({
      drivers: 10_000,
      dispatchers: 50,
      tracking: 4_950,
      warmupSeconds: 10,
      seconds: 60,
      shapes: ['one-process', 'cluster'],
    })
    expect(pingRate(options)).toBe(2_000)
  })

  it('takes a quick run from flags, keeping the share of tracked parcels', () => {
    const options = cityOptions(['--seconds', '10', '--drivers', '2000', '--shape', 'cluster'], {})
    expect(options).toMatchObject({ seconds: 10, drivers: 2_000, tracking: 990 })
    expect(options.shapes).toEqual(['cluster'])
  })

  it('reads the environment where no flag is given', () => {
    const env = { BENCH_CITY_SECONDS: '20', BENCH_CITY_SOCKET_CHILDREN: '2' }
    expect(cityOptions(['--seconds', '5'], env)).toMatchObject({ seconds: 5, socketChildren: 2 })
  })

  it('refuses what it cannot read', () => {
    expect(() => cityOptions(['--seconds', 'soon'], {})).toThrow('--seconds wants a number')
    expect(() => cityOptions(['--shape', 'mesh'], {})).toThrow('--shape is')
    expect(() => cityOptions(['--minutes', '1'], {})).toThrow()
  })
})
