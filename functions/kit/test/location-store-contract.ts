import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { distanceMeters } from '@dropmate/core'
import type { Feed } from '@dropmate/events'
import type { DriverFix, LocationStore } from '../src/locations/location-store'

/** Advances the driver by one fix: whether it became the latest. */
async function record(store: LocationStore, fix: DriverFix): Promise<boolean> {
  return (await store.advance([fix])).advanced === 1
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Far longer than any test runs: Redis expires hashes by the wall clock, not the test's. */
const STALE_AFTER_MS = 60_000
/** For the one test that waits for Redis to expire a hash for real. */
const SHORT_STALE_AFTER_MS = 200

// Real places in Lisbon; the customer stands in Rossio square.
const rossio = { lat: 38.7139, lng: -9.1394 }
const castelo = { lat: 38.7139, lng: -9.1335 } // 512 m east
const comercio = { lat: 38.7075, lng: -9.1364 } // 758 m south
const marques = { lat: 38.7253, lng: -9.15 } // 1.57 km north-west
const belem = { lat: 38.6916, lng: -9.216 } // 7.1 km west

function expectWithin(actual: number, expected: number, fraction: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * fraction)
}

/** What every LocationStore must do, run against each implementation. */
export function locationStoreContract(
  name: string,
  make: (options: {
    staleAfterMs: number
    now: () => number
  }) => Promise<{ store: LocationStore; positions: Feed; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let clock: number
    let store: LocationStore
    const cleanups: (() => Promise<void>)[] = []

    async function openWithFeed(staleAfterMs: number) {
      const made = await make({ staleAfterMs, now: () => clock })
      cleanups.push(made.cleanup)
      const announced: string[] = []
      const follower = made.positions.follow((events) => announced.push(...events))
      cleanups.push(() => follower.close())
      await follower.ready
      return { store: made.store, announced }
    }

    async function open(staleAfterMs: number): Promise<LocationStore> {
      return (await openWithFeed(staleAfterMs)).store
    }

    beforeEach(async () => {
      clock = Date.now()
      store = await open(STALE_AFTER_MS)
    })

    afterEach(async () => {
      await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
    })

    /** A fix taken at `place`, `agoMs` before the test clock. */
    function fix(
      driverId: string,
      place: { lat: number; lng: number },
      agoMs = 0,
      rest: Partial<DriverFix> = {},
    ): DriverFix {
      const recordedAt = new Date(clock - agoMs)
      return {
        driverId,
        ...place,
        accuracyM: 8,
        speedMps: 4.2,
        headingDeg: 271.5,
        recordedAt,
        ...rest,
      }
    }

    const idsNear = async (radiusM: number, limit: number, on = store) =>
      (await on.nearby(rossio, radiusM, limit)).map((driver) => driver.driverId)

    it('gives back exactly the fix it recorded, nulls and zeros included', async () => {
      const precise = fix('driver-1', { lat: 38.71391234567891, lng: -9.13351234567891 }, 0, {
        accuracyM: 4.7,
        speedMps: 0,
        headingDeg: 359.9,
      })
      const bare = fix('driver:2 ü', castelo, 0, {
        accuracyM: null,
        speedMps: null,
        headingDeg: null,
      })

      expect(await record(store, precise)).toBe(true)
      expect(await record(store, bare)).toBe(true)

      expect(await store.latest('driver-1')).toEqual({ ...precise, recentSpeedMps: 0 })
      expect(await store.latest('driver:2 ü')).toEqual({ ...bare, recentSpeedMps: null })
      expect(await store.latest('nobody')).toBeUndefined()
    })

    it('replaces a fix with a later one', async () => {
      await record(store, fix('d', castelo, 2_000))
      const later = fix('d', comercio, 1_000)

      expect(await record(store, later)).toBe(true)
      expect(await store.latest('d')).toMatchObject(later)
    })

    it('keeps the later fix when an earlier one arrives out of order', async () => {
      const later = fix('d', comercio, 1_000)
      await record(store, later)

      expect(await record(store, fix('d', castelo, 2_000))).toBe(false)
      expect(await store.latest('d')).toMatchObject(later)
      expect(await idsNear(600, 10)).toEqual([])
    })

    it('keeps the stored fix when another arrives with the same time', async () => {
      const first = fix('d', comercio, 1_000)
      await record(store, first)

      expect(await record(store, fix('d', castelo, 1_000))).toBe(false)
      expect(await store.latest('d')).toMatchObject(first)
    })

    it('averages the speeds of recent pings, keeping the average through pings without one', async () => {
      await record(store, fix('d', castelo, 3_000, { speedMps: 10 }))
      await record(store, fix('d', castelo, 2_000, { speedMps: 0 }))
      await record(store, fix('d', comercio, 1_000, { speedMps: null }))

      const latest = await store.latest('d')

      expect(latest?.speedMps).toBeNull()
      // one stop at a light moves the average a fifth of the way, not to zero
      expect(latest?.recentSpeedMps).toBeCloseTo(8, 6)
    })

    it('takes a batch in one step: speeds of the later fixes folded, the newest announced', async () => {
      const { store, announced } = await openWithFeed(STALE_AFTER_MS)
      await record(store, fix('d', castelo, 4_000, { speedMps: 10 }))
      const batch = [
        fix('d', rossio, 5_000, { speedMps: 50 }),
        fix('d', castelo, 3_000, { speedMps: 0 }),
        fix('d', comercio, 2_000, { speedMps: 0 }),
      ]

      const result = await store.advance(batch, 'the newest, announced')

      // Taken before the stored fix: neither the latest nor in the average.
      expect(result).toEqual({ advanced: 2, recentSpeedMps: expect.closeTo(6.4, 6) })
      expect(await store.latest('d')).toMatchObject({ ...comercio, recentSpeedMps: 6.4 })
      await expect.poll(() => announced).toEqual(['the newest, announced'])
    })

    it('announces nothing when the newest fix does not move the driver', async () => {
      const { store, announced } = await openWithFeed(STALE_AFTER_MS)
      await record(store, fix('d', comercio, 1_000))

      const result = await store.advance([fix('d', castelo, 2_000)], 'not news')

      expect(result.advanced).toBe(0)
      await store.advance([fix('d', castelo, 0)], 'news')
      await expect.poll(() => announced).toEqual(['news'])
    })

    it('finds the drivers within the radius, nearest first, with their distances', async () => {
      const fixes = [fix('belem', belem), fix('marques', marques), fix('comercio', comercio)]
      fixes.push(fix('castelo', castelo))
      for (const each of fixes) await record(store, each)

      const found = await store.nearby(rossio, 3_000, 10)

      expect(found.map((driver) => driver.driverId)).toEqual(['castelo', 'comercio', 'marques'])
      for (const { distanceM, recentSpeedMps, ...driver } of found) {
        expect(fixes).toContainEqual(driver)
        expect(recentSpeedMps).toBe(driver.speedMps)
        expectWithin(distanceM, distanceMeters(rossio, driver), 0.005)
      }
    })

    it('leaves out the drivers beyond the radius', async () => {
      for (const [id, place] of Object.entries({ belem, marques, comercio, castelo })) {
        await record(store, fix(id, place))
      }

      expect(await idsNear(1_000, 10)).toEqual(['castelo', 'comercio'])
      expect(await idsNear(100, 10)).toEqual([])
    })

    it('returns at most `limit` drivers, the nearest ones', async () => {
      for (const [id, place] of Object.entries({ marques, comercio, castelo })) {
        await record(store, fix(id, place))
      }

      expect(await idsNear(3_000, 2)).toEqual(['castelo', 'comercio'])
      expect(await idsNear(3_000, 1)).toEqual(['castelo'])
    })

    it('hides a driver whose fix is older than staleAfterMs, until a new fix comes', async () => {
      await record(store, fix('quiet', castelo))
      await record(store, fix('busy', comercio))
      clock += STALE_AFTER_MS - 1_000
      await record(store, fix('busy', comercio))
      clock += 2_000

      expect(await store.latest('quiet')).toBeUndefined()
      expect(await store.latest('busy')).toBeDefined()
      expect(await idsNear(3_000, 10)).toEqual(['busy'])

      expect(await record(store, fix('quiet', castelo))).toBe(true)
      expect(await idsNear(3_000, 10)).toEqual(['quiet', 'busy'])
    })

    it('gives the latest fresh fixes of many drivers at once, in the order asked', async () => {
      await record(store, fix('quiet', castelo))
      clock += STALE_AFTER_MS - 1_000
      await record(store, fix('a', comercio))
      await record(store, fix('b', marques, 0, { accuracyM: null }))
      clock += 2_000

      const latest = await store.latestOf(['b', 'never-seen', 'quiet', 'a'])

      expect(latest.map((found) => found.driverId)).toEqual(['b', 'a'])
      expect(latest[0]).toMatchObject({ ...marques, accuracyM: null })
      expect(await store.latestOf([])).toEqual([])
    })

    it('refuses a fix that is already stale when it arrives', async () => {
      expect(await record(store, fix('d', castelo, STALE_AFTER_MS + 1))).toBe(false)

      expect(await store.latest('d')).toBeUndefined()
      expect(await idsNear(3_000, 10)).toEqual([])
    })

    it('still finds the nearest fresh drivers behind many stale ones', async () => {
      for (let i = 0; i < 12; i++) await record(store, fix(`stale-${i}`, castelo))
      clock += STALE_AFTER_MS + 1
      await record(store, fix('fresh-far', marques))
      await record(store, fix('fresh-near', comercio))

      expect(await idsNear(3_000, 2)).toEqual(['fresh-near', 'fresh-far'])
    })

    it('drops a driver once the fix has expired in real time as well', async () => {
      const shortLived = await open(SHORT_STALE_AFTER_MS)
      await record(shortLived, fix('quiet', castelo))
      await sleep(SHORT_STALE_AFTER_MS + 50)
      clock += SHORT_STALE_AFTER_MS + 50
      await record(shortLived, fix('busy', comercio))

      expect(await shortLived.latest('quiet')).toBeUndefined()
      expect(await idsNear(3_000, 10, shortLived)).toEqual(['busy'])
      expect(await idsNear(3_000, 10, shortLived)).toEqual(['busy'])
    })

    it('forgets a driver taken off duty', async () => {
      await record(store, fix('leaving', castelo))
      await record(store, fix('staying', comercio))

      await store.forget('leaving')
      await store.forget('never-seen')

      expect(await store.latest('leaving')).toBeUndefined()
      expect(await idsNear(3_000, 10)).toEqual(['staying'])
    })

    it('ends with the latest of many fixes recorded at once in scrambled order', async () => {
      const fixes = Array.from({ length: 50 }, (_, i) =>
        fix('d', { lat: rossio.lat + i * 0.0001, lng: rossio.lng }, (49 - i) * 100),
      )
      // A fixed scramble, so a failure replays the same order; the newest lands 28th.
      const order = fixes.map((_, i) => (i * 37) % fixes.length)

      const results = await Promise.all(order.map((i) => record(store, fixes[i]!)))

      expect(results[order.indexOf(49)]).toBe(true)
      expect(await store.latest('d')).toMatchObject(fixes[49]!)
      const [only, ...others] = await store.nearby(rossio, 1_000, 10)
      expect(others).toEqual([])
      expect(only).toMatchObject(fixes[49]!)
    })
  })
}
