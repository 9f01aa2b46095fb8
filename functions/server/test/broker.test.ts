import { migratedDataDir } from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)

interface Delivery {
  type: string
  id: string
  data: Record<string, unknown>
}

/** A subscriber on loopback that refuses until told otherwise, recording what it gets. */
async function subscriber(status: () => number) {
  const received: Delivery[] = []
  const server: Server = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    received.push({
      type: String(request.headers['ce-type']),
      id: String(request.headers['ce-id']),
      data: JSON.parse(body),
    })
    response.writeHead(status()).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }
}

let dataDir: string
let server: Started
let created: Awaited<ReturnType<typeof subscriber>>
let refusing: Awaited<ReturnType<typeof subscriber>>
let refuse = true

const trigger = (name: string, uri: string) => `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: ${name}
spec:
  broker: default
  filter:
    attributes:
      type: com.dropmate.shipment.created.v1
  subscriber:
    uri: ${uri}
  delivery:
    retry: 1
    backoffDelay: PT0.05S
`

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-broker-')
  created = await subscriber(() => 202)
  refusing = await subscriber(() => (refuse ? 400 : 202))
  const triggers = join(dataDir, 'triggers')
  await mkdir(triggers)
  await writeFile(
    join(triggers, 'test.yaml'),
    `${trigger('created', created.url)}---\n${trigger('refusing', refusing.url)}`,
  )
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined }
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      '--email',
      'ana@example.com',
      '--name',
      'Ana',
      '--role',
      'dispatcher',
      '--password',
      'a long enough password',
    ],
    { cwd: root, env },
  )
  server = await start({ DATA_DIR: dataDir, TRIGGERS_DIR: triggers })
})

afterAll(async () => {
  await stop(server)
  created.server.close()
  refusing.server.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function until(check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const events = (...args: string[]) =>
  run(
    process.execPath,
    ['--import', 'tsx', 'functions/broker/src/cli/events.ts', ...args, '--url', server.url],
    { cwd: root },
  )

describe('the broker inside npm start', () => {
  it('delivers the event a committed change wrote to its outbox', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.com', password: 'a long enough password' }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const party = { name: 'Rita', address: 'Rua A 1, Lisboa', lat: 38.71, lng: -9.13 }
    const reply = await fetch(`${server.url}/api/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ sender: party, receiver: party }),
    })
    const shipment = (await reply.json()) as { id: string }
    await until(() => created.received.length === 1)
    expect(created.received[0]).toMatchObject({
      type: 'com.dropmate.shipment.created.v1',
      data: { shipmentId: shipment.id, status: 'pending' },
    })
  })

  it('lists what a subscriber refused, and replays it to that subscriber only', async () => {
    // a 400 is final: one attempt, straight to the dead letters
    await until(() => refusing.received.length === 1)
    await until(async () => (await events('dlq', 'list')).stdout.includes('1 dead letter'))
    const listed = (await events('dlq', 'list')).stdout
    expect(listed).toMatch(/refusing\s+com\.dropmate\.shipment\.created\.v1 .* \(400 from http/)

    refuse = false
    expect((await events('dlq', 'replay', '--all')).stdout).toContain('replayed 1')
    await until(() => refusing.received.length === 2)
    expect((await events('dlq', 'list')).stdout).toContain('0 dead letter')
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(created.received).toHaveLength(1)
    const stats = JSON.parse((await events('stats')).stdout)
    expect(stats.triggers).toMatchObject({
      created: { delivered: 1, deadLettered: 0 },
      refusing: { delivered: 1, deadLettered: 1 },
    })
  })
})
