import { describe, expect, it } from 'vitest'
import { parseDuration, parseOptions } from './options'

describe('parseDuration', () => {
  it('reads milliseconds, seconds, minutes and hours', () => {
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('2s')).toBe(2_000)
    expect(parseDuration('1.5m')).toBe(90_000)
    expect(parseDuration('1h')).toBe(3_600_000)
  })

  it('refuses a bare number or an unknown unit', () => {
    expect(parseDuration('2')).toBeUndefined()
    expect(parseDuration('2 days')).toBeUndefined()
  })
})

describe('parseOptions', () => {
  it('defaults to twenty drivers every two seconds, delivering, with dead zones, until stopped', () => {
    expect(parseOptions([], {})).toMatchObject({
      url: 'http://127.0.0.1:8080',
      drivers: 20,
      intervalMs: 2_000,
      durationMs: undefined,
      password: 'dropmate-demo',
      adminEmail: 'helena.marques@estrela.example',
      deliver: true,
      deadZones: true,
      seed: undefined,
    })
  })

  it('takes the server and password from the environment the seed and test:flow use', () => {
    const env = { DROPMATE_URL: 'http://dropmate.local/', SEED_PASSWORD: 'from-the-env' }
    expect(parseOptions([], env)).toMatchObject({
      url: 'http://dropmate.local',
      password: 'from-the-env',
    })
  })

  it('reads every option, negated switches included', () => {
    const args = '--drivers 12 --interval 1s --duration 20s --no-deliver --no-dead-zones --seed 7'
    expect(parseOptions(args.split(' '), {})).toMatchObject({
      drivers: 12,
      intervalMs: 1_000,
      durationMs: 20_000,
      deliver: false,
      deadZones: false,
      seed: 7,
    })
  })

  it('names the option that makes no sense', () => {
    expect(() => parseOptions(['--interval', '2'], {})).toThrow(/--interval 2: give a duration/)
    expect(() => parseOptions(['--drivers', '0'], {})).toThrow(/--drivers 0: give a whole number/)
    expect(() => parseOptions(['--url', 'ftp://x'], {})).toThrow(/--url ftp:\/\/x/)
    expect(() => parseOptions(['--speed', '3'], {})).toThrow(/--speed/)
  })

  it('asks for help', () => {
    expect(parseOptions(['--help'], {})).toBe('help')
  })
})
