import { describe, expect, it } from 'vitest'
import { renderEmail, type TemplateInput } from './templates'

const email = (input: Partial<TemplateInput>) =>
  renderEmail({
    notice: { kind: 'on_its_way' },
    trackingNumber: 'DM-7KQ2-XW9P',
    receiverName: 'Rita Sousa',
    driverFirstName: 'Bruno',
    eta: {
      earliest: '2026-07-14T13:05:00.000Z',
      latest: '2026-07-14T13:20:00.000Z',
      distanceM: 2600,
    },
    trackingUrl: 'https://dropmate.example/track/DM-7KQ2-XW9P',
    unsubscribeUrl: 'https://dropmate.example/api/shipments/track/DM-7KQ2-XW9P/unsubscribe',
    timeZone: 'UTC',
    ...input,
  })

describe('email times', () => {
  it('give the arrival window by the shop’s clock, naming its zone', () => {
    expect(email({ timeZone: 'Europe/Lisbon' }).text).toContain(
      'Expected Tue 14 Jul, 14:05–14:20 (Lisbon time).',
    )
    expect(email({ timeZone: 'America/New_York' }).text).toContain(
      'Expected Tue 14 Jul, 09:05–09:20 (New York time).',
    )
    expect(email({ timeZone: 'Europe/Lisbon' }).html).toContain('14:05–14:20 (Lisbon time)')
  })

  it('give both days of a window that spans the shop’s midnight', () => {
    const eta = {
      earliest: '2026-11-24T23:55:00.000Z',
      latest: '2026-11-25T00:10:00.000Z',
      distanceM: 900,
    }
    expect(email({ eta, timeZone: 'Europe/Lisbon' }).text).toContain(
      'Expected Tue 24 Nov 23:55 – Wed 25 Nov 00:10 (Lisbon time).',
    )
    expect(email({ eta, timeZone: 'America/New_York' }).text).toContain(
      'Expected Tue 24 Nov, 18:55–19:10 (New York time).',
    )
  })

  it('say since when the driver is close by, by the shop’s clock', () => {
    const notice = { kind: 'arriving', closeBySince: '2026-07-14T13:05:00.000Z' } as const
    const lisbon = email({ notice, eta: null, timeZone: 'Europe/Lisbon' })
    expect(lisbon.subject).toBe('Your parcel DM-7KQ2-XW9P is nearly there')
    expect(lisbon.text).toContain('Bruno is nearly at your door with parcel DM-7KQ2-XW9P.')
    expect(lisbon.text).toContain('Close by since 14:05 (Lisbon time).')
    expect(email({ notice, eta: null, timeZone: 'America/New_York' }).text).toContain(
      'Close by since 09:05 (New York time).',
    )
  })
})
