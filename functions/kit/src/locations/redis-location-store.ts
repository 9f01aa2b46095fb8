import { SPEED_SMOOTHING } from '@dropmate/core'
import type { Redis, Result } from 'ioredis'
import { POSITIONS } from './positions'
import type { DriverFix, LocationStore, NearbyDriver, StoredFix } from './location-store'

declare module 'ioredis' {
  interface RedisCommander<Context> {
    advanceDriver(...args: (string | number)[]): Result<unknown, Context>
  }
}

const GEO_KEY = 'drivers:geo'
const fixKey = (driverId: string) => `drivers:fix:${driverId}`

/**
 * A driver's new fixes, compared, stored and announced in one round trip, so two replicas
 * handling pings of one driver cannot both read the old time and let the earlier fix land
 * last. Fixes come in time order; those later than the stored one fold their speeds into the
 * recent average (as `smoothSpeed` does) and the newest becomes the latest. GEOADD is the
 * first write: it is the only command that can refuse the input (latitudes beyond ±85.05°),
 * and a script is not rolled back. Equal times keep the stored fix, as `movesForward` says.
 * KEYS: fix hash, GEO set, positions stream. ARGV: driverId, TTL (ms), weight of a speed
 * reading, the stream's approximate length, the announcement ('' for none), then per fix:
 * lat, lng, accuracyM, speedMps, headingDeg, recordedAt (ms). Returns the number of fixes
 * later than the stored one and the recent speed as a string (a Lua number would be cut to
 * an integer on its way back).
 */
const ADVANCE = `
local stored = redis.call('HMGET', KEYS[1], 'recordedAt', 'recentSpeedMps')
local after = tonumber(stored[1]) or -1
local recent = stored[2] or ''
local advanced, newest = 0, nil
for base = 6, #ARGV, 6 do
  if tonumber(ARGV[base + 5]) > after then
    advanced, newest = advanced + 1, base
    if ARGV[base + 3] ~= '' then
      local reading = tonumber(ARGV[base + 3])
      if recent == '' then recent = reading
      else recent = tonumber(recent) * (1 - tonumber(ARGV[3])) + reading * tonumber(ARGV[3]) end
    end
  end
end
if newest ~= #ARGV - 5 then return {0, tostring(recent)} end
redis.call('GEOADD', KEYS[2], ARGV[newest + 1], ARGV[newest], ARGV[1])
redis.call('HSET', KEYS[1], 'lat', ARGV[newest], 'lng', ARGV[newest + 1],
  'accuracyM', ARGV[newest + 2], 'speedMps', ARGV[newest + 3], 'headingDeg', ARGV[newest + 4],
  'recordedAt', ARGV[newest + 5], 'recentSpeedMps', recent)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if ARGV[5] ~= '' then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[5])
end
return {advanced, tostring(recent)}
`

/**
 * Takes members whose hash expired out of the GEO set, checking again inside the script:
 * a record that landed since `nearby` read the hash must keep its driver on the map.
 * KEYS: GEO set, then one fix hash per ARGV driverId.
 */
const REMOVE_IF_EXPIRED = `
for i, driverId in ipairs(ARGV) do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then redis.call('ZREM', KEYS[1], driverId) end
end
return 0
`

/** Stale members still in the GEO set take places in a search; room for a few of them. */
const SEARCH_HEADROOM = 5

/**
 * Latest fixes in Redis, shared by every replica: a GEO set to search by distance (GEOSEARCH,
 * Redis ≥ 6.2) and a hash per driver with the exact fix. The hash expires `staleAfterMs`
 * after its last write, which is what eventually clears a silent driver out of the GEO set;
 * whether a fix is stale is decided by its device time against `now()`.
 */
export function createRedisLocationStore(options: {
  redis: Redis
  staleAfterMs: number
  now?: () => number
}): LocationStore {
  const { redis, staleAfterMs } = options
  // EVALSHA from the second call on: the script is not sent with every ping.
  redis.defineCommand('advanceDriver', { numberOfKeys: 3, lua: ADVANCE })
  const now = options.now ?? Date.now
  const isStale = (fix: DriverFix) => now() - fix.recordedAt.getTime() >= staleAfterMs

  async function loadFixes(driverIds: readonly string[]): Promise<(StoredFix | undefined)[]> {
    if (driverIds.length === 0) return []
    const replies = await redis.pipeline(driverIds.map((id) => ['hgetall', fixKey(id)])).exec()
    return (replies ?? []).map(([error, hash], i) => {
      if (error) throw error
      return fromHash(driverIds[i]!, hash as Record<string, string>)
    })
  }

  async function search(point: { lat: number; lng: number }, radiusM: number, count: number) {
    const reply = (await redis.geosearch(
      GEO_KEY,
      'FROMLONLAT',
      point.lng,
      point.lat,
      'BYRADIUS',
      radiusM,
      'm',
      'ASC',
      'COUNT',
      count,
      'WITHDIST',
    )) as [string, string][]
    return reply.map(([driverId, distance]) => ({ driverId, distanceM: Number(distance) }))
  }

  return {
    async advance(taken, announcement) {
      // Could never be shown: storing them would only bring back a driver who went quiet.
      const fresh = taken.filter((fix) => !isStale(fix))
      const newest = taken.at(-1)
      if (!newest || fresh.at(-1) !== newest) return { advanced: 0, recentSpeedMps: null }
      const [advanced, recent] = (await redis.advanceDriver(
        fixKey(newest.driverId),
        GEO_KEY,
        POSITIONS.stream,
        newest.driverId,
        staleAfterMs,
        SPEED_SMOOTHING,
        POSITIONS.maxLength,
        announcement ?? '',
        ...fresh.flatMap((fix) => [
          fix.lat,
          fix.lng,
          orEmpty(fix.accuracyM),
          orEmpty(fix.speedMps),
          orEmpty(fix.headingDeg),
          fix.recordedAt.getTime(),
        ]),
      )) as [number, string]
      return { advanced, recentSpeedMps: nullable(recent) }
    },

    async latest(driverId) {
      const fix = fromHash(driverId, await redis.hgetall(fixKey(driverId)))
      return fix && !isStale(fix) ? fix : undefined
    },

    async latestOf(driverIds) {
      const fixes = await loadFixes(driverIds)
      return fixes.filter((fix): fix is StoredFix => fix !== undefined && !isStale(fix))
    },

    async nearby(point, radiusM, limit) {
      if (limit < 1) return []
      // Until enough fresh drivers come back or the radius holds no more members.
      for (let count = limit + SEARCH_HEADROOM; ; count *= 2) {
        const hits = await search(point, radiusM, count)
        const fixes = await loadFixes(hits.map((hit) => hit.driverId))
        const found: NearbyDriver[] = []
        const expired: string[] = []
        hits.forEach((hit, i) => {
          const fix = fixes[i]
          if (!fix) expired.push(hit.driverId)
          else if (!isStale(fix)) found.push({ ...fix, distanceM: hit.distanceM })
        })
        if (expired.length > 0) {
          const keys = [GEO_KEY, ...expired.map(fixKey)]
          await redis.eval(REMOVE_IF_EXPIRED, keys.length, ...keys, ...expired)
        }
        if (found.length >= limit || hits.length < count) return found.slice(0, limit)
      }
    },

    async forget(driverId) {
      await redis.multi().del(fixKey(driverId)).zrem(GEO_KEY, driverId).exec()
    },
  }
}

/** A hash field cannot hold null; the empty string stands for it. */
function orEmpty(value: number | null): number | string {
  return value ?? ''
}

function nullable(value: string | undefined): number | null {
  return value === undefined || value === '' ? null : Number(value)
}

function fromHash(driverId: string, hash: Record<string, string>): StoredFix | undefined {
  if (hash.recordedAt === undefined) return undefined
  return {
    driverId,
    lat: Number(hash.lat),
    lng: Number(hash.lng),
    accuracyM: nullable(hash.accuracyM),
    speedMps: nullable(hash.speedMps),
    headingDeg: nullable(hash.headingDeg),
    recordedAt: new Date(Number(hash.recordedAt)),
    recentSpeedMps: nullable(hash.recentSpeedMps),
  }
}
