import type { Config } from '@dropmate/core'
import type { Sql } from '@dropmate/db'
import {
  createFeed,
  createMemoryTransport,
  createRedisTransport,
  type BrokerTransport,
  type EventLog,
  type Feed,
} from '@dropmate/events'
import type { Redis } from 'ioredis'
import { followAccountChanges, type AccountChanges } from './auth/account-changes'
import { FirebaseAuth } from './auth/firebase-auth'
import { loadJwtSecret } from './auth/jwt-secret'
import { LocalAuth } from './auth/local-auth'
import type { Authenticator } from './auth/principal'
import { createLocationServices, type LocationServices } from './locations/location-services'
import { POSITIONS } from './locations/positions'
import { createRedis } from './redis'
import { createAddressRateLimit } from './address-rate-limit'
import { createGeocoder, type Geocoder } from './geocoding'
import type { RateLimit } from './rate-limit'
import { createTrackingCache, type TrackingCache } from './tracking-cache'
import { createObjectStore, type ObjectStore } from './object-storage/object-store'

/** The Redis stream of changes to what accounts may do, and about how many it keeps. */
const ACCOUNTS = {
  stream: 'accounts',
  // Changes are rare (an admin's clicks): a follower cut off for hours still catches up.
  maxLength: 10_000,
}
// Beside the feed, processes sharing accounts read the latest changes this often: a change
// whose announcement was lost still reaches them within it (issue 17: within a second).
const ACCOUNTS_RECHECK_MS = 1_000

/** What every API function is built from; one set per process. */
export interface ApiDeps {
  sql: Sql
  config: Config
  auth: Authenticator
  /**
   * Changes to what accounts may do (disabled, role), which every process follows so that
   * tokens are checked without a query: announce one after it commits.
   */
  accounts: AccountChanges
  /** Present in local auth mode: issues and refreshes tokens for login. */
  localAuth?: LocalAuth
  trackingCache: TrackingCache
  /**
   * TRACKING_RATE_LIMIT_PER_MINUTE per client address, one budget for the REST lookup and
   * the tracking page's socket lookups, shared by replicas through Redis.
   */
  trackingLimit: Pick<RateLimit, 'consume'>
  redis?: Redis
  /**
   * The broker's event log, to append to: the broker's ingress appends what it is sent; events
   * of a change are enqueued in the outbox instead. Only the broker reads it.
   */
  events: EventLog
  /**
   * Drivers' new positions as location events, which every realtime gateway reads whole: at
   * a ping's rate, beside the broker rather than through it.
   */
  positions: Feed
  /** Where drivers are, one set per process: every function mounted in it sees the same. */
  locations: LocationServices
  /** Address search and reverse geocoding (GEOCODER_URL), paced and cached for the process. */
  geocoder: Geocoder
  /** Proof-of-delivery files (OBJECT_STORAGE_URL, else DATA_DIR behind its own endpoint). */
  objects: ObjectStore
  /** Runs `hook` when the deps close: buffers flush before the connections go. */
  defer(hook: () => Promise<void>): void
  /** Releases what the deps hold; call after the HTTP server stops, before the database. */
  close(): Promise<void>
}

/** The API's dependencies as their process holds them: the whole log, for a broker it runs. */
export interface ProcessApiDeps extends ApiDeps {
  /** The same log as `events`: Redis Streams with Redis, memory otherwise. */
  transport: BrokerTransport
}

/** Builds the API's dependencies from the parsed config around an open database. */
export async function createApiDeps(config: Config, sql: Sql): Promise<ProcessApiDeps> {
  const redis = config.REDIS_URL
    ? createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    : undefined
  const accounts = followAccountChanges({
    feed: createFeed(redis, ACCOUNTS),
    sql,
    tokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    recheckMs: redis ? ACCOUNTS_RECHECK_MS : undefined,
  })
  let localAuth: LocalAuth | undefined
  let auth: Authenticator
  if (config.AUTH_MODE === 'firebase') {
    auth = new FirebaseAuth({
      sql,
      projectId: config.FIREBASE_PROJECT_ID!,
      changes: accounts,
      cacheSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    })
  } else {
    localAuth = new LocalAuth({
      changes: accounts,
      secret: await loadJwtSecret(config.JWT_SECRET, config.DATA_DIR),
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    })
    auth = localAuth
  }
  const deferred: Array<() => Promise<void>> = []
  const transport = redis ? createRedisTransport({ redis }) : createMemoryTransport()
  const positions = createFeed(redis, POSITIONS)
  const locations = createLocationServices(config, sql, redis, {
    positions,
    published: transport,
  })
  const trackingCache = createTrackingCache(redis)
  const trackingLimit = createAddressRateLimit({
    name: 'track',
    points: config.TRACKING_RATE_LIMIT_PER_MINUTE,
    durationSeconds: 60,
    redis,
  })
  return {
    sql,
    config,
    auth,
    accounts,
    localAuth,
    redis,
    trackingCache,
    trackingLimit,
    events: transport,
    transport,
    positions,
    locations,
    geocoder: createGeocoder(config, sql, redis),
    objects: await createObjectStore(config),
    defer: (hook) => void deferred.push(hook),
    async close() {
      // Pings acknowledged and not yet in the history go while the database is still open.
      await locations.history.close()
      await locations.deliveries.close()
      for (const hook of deferred.splice(0).reverse()) await hook()
      await accounts.close()
      await transport.close()
      trackingCache.close()
      trackingLimit.close()
      redis?.disconnect()
    },
  }
}
