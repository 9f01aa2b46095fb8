import { eventsFromMessage } from '@dropmate/events'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { describe, expect, it } from 'vitest'
import { BATCH_CONTENT_TYPE, encodePings, PING_SOURCE, type RecordedPing } from './pings'

const ping = (n: number): RecordedPing => ({
  id: `ping-${n}`,
  driverId: '6f1c2a9e-0000-4000-8000-000000000001',
  recordedAt: new Date(1_700_000_000_000 + n * 1_000),
  fix: { lat: 38.7139, lng: -9.1394 + n / 10_000, accuracyM: 6.5, speedMps: 4.17, headingDeg: 90 },
})

/** What the API makes of a message: the broker's receiver, which ingest-locations uses. */
const received = ({ headers, body }: ReturnType<typeof encodePings>) =>
  eventsFromMessage(headers, new TextEncoder().encode(body))

describe('encodePings', () => {
  it.each(['binary', 'structured'] as const)(
    'sends one ping in %s mode as the location event the API reads',
    (mode) => {
      const [event, ...more] = received(encodePings([ping(1)], mode))
      expect(more).toEqual([])
      expect(event).toMatchObject({
        type: EVENT_TYPES.driverLocation,
        source: PING_SOURCE,
        id: 'ping-1',
        subject: ping(1).driverId,
        time: '2023-11-14T22:13:21.000Z',
        data: ping(1).fix,
      })
    },
  )

  it('sends a batch as one array of structured events, in order', () => {
    const message = encodePings([ping(1), ping(2), ping(3)], 'batch')
    expect(message.headers['content-type']).toBe(BATCH_CONTENT_TYPE)
    expect(received(message).map((event) => event.id)).toEqual(['ping-1', 'ping-2', 'ping-3'])
  })

  it('refuses more than one ping outside batch mode', () => {
    expect(() => encodePings([ping(1), ping(2)], 'binary')).toThrow(/one event/)
  })
})
