import { loadConfig, type Config, type Role } from '@dropmate/core'
import {
  createMigratedTestDatabase,
  deleteRedisKeys,
  type TestDatabase,
} from '@dropmate/db/testing'
import { serve, type RunningServer, type ServeOptions } from '@dropmate/runtime'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAccount } from './accounts/create-account'
import { createApiDeps, type ApiDeps, type ProcessApiDeps } from './deps'
import { type AnyApp } from '@dropmate/runtime'
import { createShell, objectStorageApp } from './shell'

export interface Reply {
  status: number
  headers: Headers
  // Tests read whatever came back; each asserts the shape it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
}

export interface SignedIn {
  token: string
  userId: string
  driverId: string | null
  email: string
}

export interface TestApi {
  url: string
  deps: ProcessApiDeps
  db: TestDatabase
  /** A real HTTP request; `body` objects are sent as JSON, strings as they are. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>
  /** A new account of `role` (drivers get a driver record) and an access token for it. */
  signIn(role: Role, overrides?: { name?: string; email?: string }): Promise<SignedIn>
  close(): Promise<void>
}

/** How the test server is served, beyond its apps: another interface, hooks for Socket.io. */
export type TestServing = Partial<Pick<ServeOptions, 'hostname' | 'onServer' | 'onDraining'>>

/**
 * Serves API apps over real HTTP on a free loopback port, on a fresh migrated database
 * (PostgreSQL with DATABASE_URL, else embedded), with Redis when REDIS_URL is set.
 */
export async function startTestApi(
  build: (deps: ApiDeps) => AnyApp | AnyApp[] | Promise<AnyApp | AnyApp[]>,
  env: Record<string, string> = {},
  serving: TestServing = {},
): Promise<TestApi> {
  const db = await createMigratedTestDatabase()
  const config = loadConfig({
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: join(tmpdir(), 'dropmate-api-test'),
    REDIS_URL: process.env.REDIS_URL,
    // Test files run at once and share Redis: each keeps its own keys, and removes them.
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    ...env,
  })
  return serveTestApi(db, config, build, serving, async () => {
    if (config.REDIS_URL) await deleteRedisKeys(config.REDIS_URL, config.REDIS_KEY_PREFIX)
    await db.drop()
  })
}

/**
 * A second replica beside `first`, as another process of the same deployment runs: its own
 * dependencies (authenticator, feeds, caches) on the same database, Redis keys and secret.
 * Close it before `first`.
 */
export function startTestApiBeside(
  first: TestApi,
  build: (deps: ApiDeps) => AnyApp | AnyApp[] | Promise<AnyApp | AnyApp[]>,
): Promise<TestApi> {
  return serveTestApi(first.db, first.deps.config, build, {}, async () => {})
}

async function serveTestApi(
  db: TestDatabase,
  config: Config,
  build: (deps: ApiDeps) => AnyApp | AnyApp[] | Promise<AnyApp | AnyApp[]>,
  serving: TestServing,
  release: () => Promise<void>,
): Promise<TestApi> {
  const deps = await createApiDeps(config, db.sql)
  // Tests tell apps apart by their routes, not by the names logs and metrics give them.
  const apps = [await build(deps)].flat()
  const named = Object.fromEntries(apps.map((built, i) => [`app-${i}`, built]))
  const app = createShell(deps, { ...named, ...objectStorageApp(deps) })
  const server: RunningServer = await serve({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    shutdownTimeoutMs: 1_000,
    ...serving,
  })
  const url = `http://127.0.0.1:${server.port}`
  let accounts = 0

  const request = requestAt(url)

  return {
    url,
    deps,
    db,
    request,
    async signIn(role, overrides = {}) {
      accounts += 1
      const email =
        overrides.email ?? `${role}-${accounts}-${randomBytes(3).toString('hex')}@example.com`
      const { user, driverId } = await createAccount(db.sql, {
        email,
        name: overrides.name ?? `Test ${role} ${accounts}`,
        role,
        password: null,
        vehicle: role === 'driver' ? { type: 'scooter' } : undefined,
      })
      const { accessToken } = await deps.localAuth!.issue(db.sql, user.id)
      return { token: accessToken, userId: user.id, driverId, email }
    },
    async close() {
      await server.shutdown()
      await deps.close()
      await release()
    },
  }
}

/**
 * Real HTTP requests to the server at `url`, as `TestApi.request` makes them: `body` objects
 * go as JSON, strings as they are; a JSON answer comes back parsed, anything else as text.
 *
 * @example
 * const request = requestAt(server.url)
 * const { status, body } = await request('POST', '/api/auth/login', { body: credentials })
 */
export function requestAt(url: string): TestApi['request'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: string | undefined
    if (typeof options.body === 'string') body = options.body
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers['content-type'] ??= 'application/json'
    }
    const response = await fetch(url + path, { method, headers, body })
    const text = await response.text()
    const type = response.headers.get('content-type') ?? ''
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    }
  }
}

/**
 * Waits, when the clock's current minute ends within `needMs`, for the next one to begin. A
 * per-minute budget counts in the clock's minutes (createAddressRateLimit): a test that
 * straddles two sees its counts start again halfway.
 */
export async function withinOneMinute(needMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50))
}

export { s3ServerAvailable, startS3Server, type S3Server } from './s3-server'
