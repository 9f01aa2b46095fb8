import { migratedDataDir } from '@dropmate/db/testing'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { request, type OutgoingHttpHeaders } from 'node:http'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * A phone that loses its signal halfway through a batch of pings, or a browser tab closed
 * while its lookup runs, is the client's doing: the log says so in one line, never as an
 * error with a stack, and the request is not counted as the server's failure.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)
const PASSWORD = 'a long enough password'
const DRIVER = 'carla@example.com'

let dataDir: string
let server: Started
let driver: { token: string; driverId: string }

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-hang-up-')
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', DRIVER, '--name', 'Carla', '--role', 'driver'],
      ...['--vehicle', 'bicycle', '--password', PASSWORD],
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir } },
  )
  server = await start({ DATA_DIR: dataDir })
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DRIVER, password: PASSWORD }),
  })
  const { accessToken } = (await login.json()) as { accessToken: string }
  const me = await fetch(`${server.url}/api/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  driver = { token: accessToken, driverId: ((await me.json()) as { driverId: string }).driverId }
}, 120_000)

afterAll(async () => {
  if (server) await stop(server)
  await rm(dataDir, { recursive: true, force: true })
})

/**
 * Sends a request's headers, and once the server has taken them (it answers
 * `Expect: 100-continue` as it hands the request to the app) the first `sent` bytes of
 * `body`; then hangs up after `then`.
 */
async function hangUp(
  path: string,
  headers: OutgoingHttpHeaders,
  body: string,
  { sent, then }: { sent: number; then: () => Promise<void> },
) {
  const { promise: closed, resolve } = Promise.withResolvers<void>()
  const outgoing = request(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  })
  outgoing.on('error', () => resolve())
  outgoing.on('close', () => resolve())
  outgoing.on('response', () => {
    throw new Error('the server answered before the client hung up')
  })
  outgoing.on('continue', () => {
    outgoing.write(body.slice(0, sent))
    void then().then(() => outgoing.destroy())
  })
  outgoing.flushHeaders()
  await closed
}

function requestLine(reqId: string) {
  return server.logs.find((line) => line.msg === 'request' && line.reqId === reqId)
}

const errors = () => server.logs.filter((line) => (line.level as number) >= 50)

describe('a client that hangs up before the answer', () => {
  it('is logged as one info line, not an error with a stack, when it leaves mid-body', async () => {
    const reqId = `phone-lost-signal-${randomUUID()}`
    const pings = Array.from({ length: 200 }, (_, n) => ({
      specversion: '1.0',
      id: randomUUID(),
      source: '/drivers/phone',
      type: EVENT_TYPES.driverLocation,
      subject: driver.driverId,
      time: new Date(Date.now() - (200 - n) * 1000).toISOString(),
      data: { lat: 38.7139 + n / 10_000, lng: -9.1394 },
    }))
    const headers = {
      authorization: `Bearer ${driver.token}`,
      'content-type': 'application/cloudevents-batch+json',
      'x-request-id': reqId,
    }
    const body = JSON.stringify(pings)
    // Half the batch, then the signal goes while the server waits for the rest.
    const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 200))
    await hangUp('/api/locations', headers, body, { sent: body.length / 2, then: pause })

    await expect.poll(() => requestLine(reqId), { timeout: 30_000 }).toBeDefined()
    expect(requestLine(reqId)).toMatchObject({
      level: 30,
      route: '/api/locations',
      status: 499,
    })
    expect(errors()).toEqual([])
    expect(JSON.stringify(server.logs)).not.toContain('"stack"')
  }, 60_000)

  it('is logged as one info line when it leaves while the handler works', async () => {
    const reqId = `tab-closed-${randomUUID()}`
    const headers = { 'content-type': 'application/json', 'x-request-id': reqId }
    // The whole body: the password's hash is being checked when the client goes.
    const body = JSON.stringify({ email: DRIVER, password: PASSWORD })
    const now = () => Promise.resolve()
    await hangUp('/api/auth/login', headers, body, { sent: body.length, then: now })

    await expect.poll(() => requestLine(reqId), { timeout: 30_000 }).toBeDefined()
    expect(requestLine(reqId)).toMatchObject({ level: 30, route: '/api/auth/login', status: 499 })
    expect(errors()).toEqual([])
  }, 60_000)

  it('is counted under 499, the status proxies log for a client that closed, not as a 5xx', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const counted = (route: string, status: string) =>
      new RegExp(
        `^dropmate_http_requests_total\\{[^}]*route="${route}",status="${status}"\\} [1-9]`,
        'm',
      ).test(text)
    expect(counted('/api/locations', '499')).toBe(true)
    expect(counted('/api/auth/login', '499')).toBe(true)
    expect(text).not.toMatch(/^dropmate_http_requests_total\{[^}]*status="5\d\d"\} /m)
  })
})
