import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { decodeEvent } from '@dropmate/events'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestLocations } from '../src'
import type { Ping } from '../src/ping'
import { pingRecording, recordPings, type PingRecording } from '../src/record-pings'

let api: TestApi
let recording: PingRecording
let ana: SignedIn
let bruno: SignedIn

// Lisbon: Rossio, Chiado a few hundred metres away, Belém a few kilometres.
const ROSSIO = { lat: 38.7139, lng: -9.1394 }
const CHIADO = { lat: 38.7106, lng: -9.1421 }
const BELEM = { lat: 38.6916, lng: -9.216 }

beforeAll(async () => {
  api = await startTestApi((deps) => [ingestLocations.app(deps)])
  recording = pingRecording(api.deps)
  ana = await api.signIn('driver')
  bruno = await api.signIn('driver')
  // What the realtime gateways read: every position announced.
  const follower = api.deps.positions.follow((events) => announced.push(...events))
  await follower.ready
})

afterAll(() => api.close())
const announced: string[] = []

function ping(who: SignedIn, at: { lat: number; lng: number }, secondsAgo: number): Ping {
  return {
    fix: {
      driverId: who.driverId!,
      ...at,
      accuracyM: 8,
      speedMps: 4,
      headingDeg: null,
      recordedAt: new Date(Date.now() - secondsAgo * 1000),
    },
    source: '/test/phone',
    id: randomUUID(),
  }
}

describe('recordPings', () => {
  it('records the pings of two drivers in one call, each driver moved to their newest fix', async () => {
    const pings = [
      ping(ana, CHIADO, 10),
      ping(bruno, BELEM, 20),
      ping(ana, ROSSIO, 30),
      ping(bruno, ROSSIO, 40),
    ]

    expect(await recordPings(recording, pings)).toEqual({ accepted: 4, latest: 4 })

    const { store } = recording
    expect(await store.latest(ana.driverId!)).toMatchObject(CHIADO)
    expect(await store.latest(bruno.driverId!)).toMatchObject(BELEM)
    const ids = pings.map((each) => each.id)
    const [history] = await api.db.sql`
      select count(*)::int as n
      from driver_locations
      where event_id in ${api.db.sql(ids)}
    `
    expect(history!.n).toBe(4)
    await expect.poll(() => announced.length).toBe(2)
    expect(announced.map((event) => decodeEvent(event).id).sort()).toEqual(
      [pings[0]!.id, pings[1]!.id].sort(),
    )
  })

  it('moves no one back for a ping older than the latest, yet keeps it in the history', async () => {
    const late = ping(ana, BELEM, 60)

    expect(await recordPings(recording, [late])).toEqual({ accepted: 1, latest: 0 })

    expect(await recording.store.latest(ana.driverId!)).toMatchObject(CHIADO)
    const [history] = await api.db.sql`
      select count(*)::int as n from driver_locations where event_id = ${late.id}
    `
    expect(history!.n).toBe(1)
  })
})
