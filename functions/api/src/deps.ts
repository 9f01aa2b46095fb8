import type { Config } from '@dropmate/core'
import type { Sql } from '@dropmate/db'
import type { Redis } from 'ioredis'
import { FirebaseAuth } from './auth/firebase-auth'
import { loadJwtSecret } from './auth/jwt-secret'
import { LocalAuth } from './auth/local-auth'
import type { Authenticator } from './auth/principal'
import { createRedis } from './redis'
import { createTrackingCache, type TrackingCache } from './tracking-cache'

/** What every API function is built from; one set per process. */
export interface ApiDeps {
  sql: Sql
  config: Config
  auth: Authenticator
  /** Present in local auth mode: issues and refreshes tokens for login. */
  localAuth?: LocalAuth
  trackingCache: TrackingCache
  redis?: Redis
  /** Releases what the deps hold; call after the HTTP server stops, before the database. */
  close(): Promise<void>
}

/** Builds the API's dependencies from the parsed config around an open database. */
export async function createApiDeps(config: Config, sql: Sql): Promise<ApiDeps> {
  const redis = config.REDIS_URL
    ? createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    : undefined
  let localAuth: LocalAuth | undefined
  let auth: Authenticator
  if (config.AUTH_MODE === 'firebase') {
    auth = new FirebaseAuth({ sql, projectId: config.FIREBASE_PROJECT_ID! })
  } else {
    localAuth = new LocalAuth({
      sql,
      secret: await loadJwtSecret(config.JWT_SECRET, config.DATA_DIR),
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    })
    auth = localAuth
  }
  return {
    sql,
    config,
    auth,
    localAuth,
    redis,
    trackingCache: createTrackingCache(redis),
    async close() {
      redis?.disconnect()
    },
  }
}
