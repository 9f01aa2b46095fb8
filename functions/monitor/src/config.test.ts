import { ConfigError } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { loadMonitorConfig } from './config'

describe('loadMonitorConfig', () => {
  it('watches the dropmate namespace and only logs alerts with nothing set', () => {
    const config = loadMonitorConfig({})
    expect(config).toMatchObject({
      WATCH_NAMESPACE: 'dropmate',
      ALERT_EMAIL_TO: [],
      ALERT_DEDUP_WINDOW: 600_000,
      ALERT_EMAIL_MIN_SEVERITY: 'info',
    })
    expect(config.BROKER_URL).toBeUndefined()
  })

  it('reads durations and lists of recipients as operators write them', () => {
    const config = loadMonitorConfig({
      ALERT_EMAIL_TO: 'ops@shop.example, owner@shop.example',
      ALERT_DEDUP_WINDOW: '15m',
      ALERT_UNAVAILABLE_GRACE: '90s',
      ALERT_EMAIL_RETRY_DELAY: '250ms',
      WATCH_RETRY_DELAY: '1h',
    })
    expect(config).toMatchObject({
      ALERT_EMAIL_TO: ['ops@shop.example', 'owner@shop.example'],
      ALERT_DEDUP_WINDOW: 900_000,
      ALERT_UNAVAILABLE_GRACE: 90_000,
      ALERT_EMAIL_RETRY_DELAY: 250,
      WATCH_RETRY_DELAY: 3_600_000,
    })
  })

  it('names every bad variable and the value it got', () => {
    const attempt = () =>
      loadMonitorConfig({
        ALERT_DEDUP_WINDOW: '10 minutes',
        ALERT_EMAIL_TO: 'ops',
        ALERT_SCALE_STEP: '0',
      })
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(/ALERT_DEDUP_WINDOW must be a duration such as .* \(got "10 minutes"\)/)
    expect(attempt).toThrow(/ALERT_EMAIL_TO must be a comma-separated list of email addresses/)
    expect(attempt).toThrow(/ALERT_SCALE_STEP must be at least 1/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadMonitorConfig({ BROKER_URL: '', ALERT_EMAIL_TO: '' }).BROKER_URL).toBeUndefined()
  })
})
