import { driverEvents } from '@dropmate/contracts/driver-events'
import {
  fromFleetRow,
  type AppServerEvents,
  type DriverLocation,
} from '@dropmate/contracts/sockets'
import { deleteRedisKeys, migratedDataDir } from '@dropmate/db/testing'
import { createRedisFeed, encodeEvent } from '@dropmate/events'
import { CloudEvent } from 'cloudevents'
import { Redis } from 'ioredis'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * `npm start` with Redis restarted under a connected dashboard, while ingest (another
 * process in the cluster's shape) keeps appending positions to the feed.
 */
const REDIS_URL = process.env.REDIS_URL
const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)
const password = 'a long enough password'
const prefix = `test:${randomBytes(6).toString('hex')}:`

let dataDir: string
let server: Started | undefined
let socket: Socket<AppServerEvents> | undefined
let redis: Redis

/** The feed ingest appends to: kit's `positions` stream under the deployment's key prefix. */
const positions = () => createRedisFeed({ redis, stream: 'positions', maxLength: 1_000 })

function position(driverId: string, lat: number): string {
  const data = { driverId, lat, lng: -9.14, accuracyM: 5, speedMps: 4, headingDeg: 90 }
  const recordedAt = new Date().toISOString()
  const built = driverEvents.location('/functions/ingest-locations', {
    ...data,
    recordedAt,
    deliveries: [],
  })
  return encodeEvent(new CloudEvent({ ...built, time: recordedAt }))
}

const startServer = (port = '0') =>
  start({ DATA_DIR: dataDir, REDIS_URL, REDIS_KEY_PREFIX: prefix, PORT: port })

async function until(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe.runIf(REDIS_URL)('a gateway restarted under a connected dashboard', () => {
  beforeAll(async () => {
    redis = new Redis(REDIS_URL!, { keyPrefix: prefix })
    dataDir = await migratedDataDir('dropmate-restart-')
    const account = ['--email', 'ana@example.com', '--name', 'Ana', '--role', 'dispatcher']
    const cli = ['--import', 'tsx', 'functions/auth/src/cli/create-user.ts', ...account]
    await run(process.execPath, [...cli, '--password', password], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined },
    })
    server = await startServer()
  })

  afterAll(async () => {
    socket?.disconnect()
    if (server) await stop(server)
    redis?.disconnect()
    await deleteRedisKeys(REDIS_URL!, prefix)
    await rm(dataDir, { recursive: true, force: true })
  })

  it('is back within the reconnect, with the newest of what was appended meanwhile', async () => {
    const login = await fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.com', password }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    socket = io(server!.url, {
      auth: { token: accessToken },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    })
    const seen: DriverLocation[] = []
    socket.on('fleet_positions', (frame) => seen.push(...frame.positions.map(fromFleetRow)))
    let connects = 0
    socket.on('connect', () => (connects += 1))
    await until(() => connects === 1)
    const shown = (driverId: string, lat: number) =>
      seen.some((p) => p.driverId === driverId && p.lat === lat)

    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()]
    await positions().append([position(first, 38.71)])
    await until(() => shown(first, 38.71))

    const port = new URL(server!.url).port
    await stop(server!)
    server = undefined
    // Appended while no gateway runs: the first driver moved twice, the second once.
    await positions().append([position(first, 38.72), position(second, 38.8)])
    await positions().append([position(first, 38.73)])
    server = await startServer(port)

    await until(() => connects === 2)
    await until(() => shown(first, 38.73) && shown(second, 38.8))
    await positions().append([position(second, 38.81)])
    await until(() => shown(second, 38.81))
    expect(socket.connected).toBe(true)
  })
})
