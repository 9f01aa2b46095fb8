import { describe, expect, it } from 'vitest'
import { formatSummary } from './summary'

const firstRun = { users: 33, drivers: 10, shipments: 100, events: 434 }
const rerun = { users: 0, drivers: 0, shipments: 0, events: 0 }

describe('formatSummary', () => {
  it('says what was created and shows the default password with a login per role', () => {
    const text = formatSummary(firstRun, 'dropmate-demo', false)
    expect(text).toContain('created 33 users, 10 drivers, 100 shipments and 434 timeline events')
    expect(text).toContain('password "dropmate-demo"')
    for (const role of ['admin', 'dispatcher', 'driver', 'customer']) {
      expect(text).toMatch(new RegExp(`^  ${role} +\\S+@`, 'm'))
    }
  })

  it('never echoes a password that came from SEED_PASSWORD', () => {
    const text = formatSummary(firstRun, 'operator-secret', true)
    expect(text).not.toContain('operator-secret')
    expect(text).toContain('password from SEED_PASSWORD')
  })

  it('tells a rerun that nothing was created and old accounts kept their password', () => {
    const text = formatSummary(rerun, 'dropmate-demo', false)
    expect(text).toContain('already seeded, nothing created')
    expect(text).toContain('kept the password they were created with')
  })
})
