import { describe, expect, it } from 'vitest'
import { ConfigError, exportsTraces, loadConfig } from './config'

describe('loadConfig', () => {
  it('runs the embedded default on port 8080 with nothing set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ PORT: 8080, DATA_DIR: '.dropmate', DATABASE_PREPARE: true })
    expect(config.DATABASE_URL).toBeUndefined()
  })

  it('reads numbers and flags from their string form', () => {
    const config = loadConfig({ PORT: '3000', DATABASE_PREPARE: 'false', DATABASE_POOL_MAX: '2' })
    expect(config).toMatchObject({ PORT: 3000, DATABASE_PREPARE: false, DATABASE_POOL_MAX: 2 })
  })

  it('counts, times and traces every request unless told not to', () => {
    expect(loadConfig({})).toMatchObject({ REQUEST_METRICS: true, REQUEST_TRACING: true })
    const off = loadConfig({ REQUEST_METRICS: 'false', REQUEST_TRACING: '0' })
    expect(off).toMatchObject({ REQUEST_METRICS: false, REQUEST_TRACING: false })
  })

  it('exports traces only once an OTLP endpoint is set, by http/protobuf unless told', () => {
    expect(exportsTraces(loadConfig({}))).toBe(false)
    const generic = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })
    expect(exportsTraces(generic)).toBe(true)
    expect(generic).toMatchObject({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    })
    const traces = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }
    expect(exportsTraces(loadConfig(traces))).toBe(true)
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    )
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(8080)
  })

  it('fails fast naming the variable and the value it got', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      /PORT must be from 0 to 65535 \(got "70000"\)/,
    )
    expect(() => loadConfig({ DATABASE_PREPARE: 'maybe' })).toThrow(/DATABASE_PREPARE must be true/)
  })

  it('names every bad variable at once', () => {
    const attempt = () => loadConfig({ PORT: 'x', SHUTDOWN_TIMEOUT_MS: '-1' })
    expect(attempt).toThrow(/PORT[\s\S]*SHUTDOWN_TIMEOUT_MS/)
  })

  it('reads lists of origins and insists on a project for firebase mode', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://shop.example, http://localhost:5173' })
    expect(config.CORS_ORIGINS).toEqual(['https://shop.example', 'http://localhost:5173'])
    expect(() => loadConfig({ CORS_ORIGINS: 'not a url' })).toThrow(/CORS_ORIGINS/)
    expect(() => loadConfig({ AUTH_MODE: 'firebase' })).toThrow(/FIREBASE_PROJECT_ID must be set/)
  })

  it('never echoes a secret', () => {
    const attempt = () => loadConfig({ JWT_SECRET: 'short-secret' })
    expect(attempt).toThrow(/JWT_SECRET must be at least 32 characters/)
    expect(attempt).not.toThrow(/short-secret/)
  })

  it('never echoes a database URL, which may hold a password', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/shop' })
    expect(attempt).toThrow(/DATABASE_URL must be a postgres/)
    expect(attempt).not.toThrow(/hunter2/)
  })

  it('takes the shop time zone by its IANA name, UTC when unset, and refuses an unknown one', () => {
    expect(loadConfig({}).SHOP_TIME_ZONE).toBe('UTC')
    expect(loadConfig({ SHOP_TIME_ZONE: 'Europe/Lisbon' }).SHOP_TIME_ZONE).toBe('Europe/Lisbon')
    // Outside ICU's list of canonical names, but a zone all the same.
    expect(loadConfig({ SHOP_TIME_ZONE: 'UTC' }).SHOP_TIME_ZONE).toBe('UTC')
    expect(loadConfig({ SHOP_TIME_ZONE: 'Asia/Calcutta' }).SHOP_TIME_ZONE).toBe('Asia/Calcutta')
    const attempt = () => loadConfig({ SHOP_TIME_ZONE: 'Lisbon' })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/SHOP_TIME_ZONE must be an IANA time zone .*\(got "Lisbon"\)/)
  })

  it('asks no geocoder unless GEOCODER_URL names one, and then Nominatim one request a second', () => {
    const unset = loadConfig({})
    expect(unset.GEOCODER_URL).toBeUndefined()
    expect(unset).toMatchObject({ GEOCODER_API: 'nominatim', GEOCODER_INTERVAL_MS: 1_000 })
    const set = loadConfig({ GEOCODER_URL: 'http://nominatim.local:8080/', GEOCODER_API: 'photon' })
    expect(set).toMatchObject({
      GEOCODER_URL: 'http://nominatim.local:8080',
      GEOCODER_API: 'photon',
    })
    expect(() => loadConfig({ GEOCODER_URL: 'nominatim' })).toThrow(/GEOCODER_URL must be a URL/)
    expect(() => loadConfig({ GEOCODER_API: 'google' })).toThrow(/GEOCODER_API must be nominatim/)
    expect(loadConfig({ GEOCODER_COUNTRY_CODES: 'pt, es' }).GEOCODER_COUNTRY_CODES).toEqual([
      'pt',
      'es',
    ])
    expect(() => loadConfig({ GEOCODER_COUNTRY_CODES: 'Portugal' })).toThrow(
      /GEOCODER_COUNTRY_CODES must be two-letter country codes/,
    )
  })
})
