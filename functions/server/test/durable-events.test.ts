import { migratedDataDir } from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { once } from 'node:events'
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

/** A subscriber on loopback answering `status()`, recording the event ids it accepted. */
async function subscriber(status: () => number) {
  const offered = new Set<string>()
  const accepted = new Set<string>()
  const server: Server = createServer(async (request, response) => {
    for await (const _ of request);
    const id = String(request.headers['ce-id'])
    const answer = status()
    offered.add(id)
    if (answer < 300) accepted.add(id)
    response.writeHead(answer).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    offered,
    accepted,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    server,
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

let dataDir: string
let triggers: string
let server: Started | undefined
let subscriberUp = false
let created: Awaited<ReturnType<typeof subscriber>>

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-durable-')
  created = await subscriber(() => (subscriberUp ? 202 : 503))
  triggers = join(dataDir, 'triggers')
  await mkdir(triggers)
  await writeFile(
    join(triggers, 'created.yaml'),
    `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: created
spec:
  broker: default
  filter:
    attributes:
      type: com.dropmate.shipment.created.v1
  subscriber:
    uri: ${created.url}
  delivery:
    retry: 100
    backoffDelay: PT0.05S
`,
  )
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', 'ana@example.com', '--name', 'Ana', '--role', 'dispatcher'],
      ...['--password', 'a long enough password'],
    ],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined } },
  )
}, 60_000)

afterAll(async () => {
  if (server?.child.exitCode === null) await stop(server)
  created.server.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function createShipments(url: string, count: number): Promise<string[]> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ana@example.com', password: 'a long enough password' }),
  })
  const { accessToken } = (await login.json()) as { accessToken: string }
  const party = { name: 'Rita', address: 'Rua A 1, Lisboa', lat: 38.71, lng: -9.13 }
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const reply = await fetch(`${url}/api/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ sender: party, receiver: party }),
    })
    expect(reply.status).toBe(201)
    ids.push(((await reply.json()) as { id: string }).id)
  }
  return ids
}

describe('events in the embedded default', () => {
  it('are all delivered after kill -9, including those the broker held undelivered', async () => {
    const env = { DATA_DIR: dataDir, TRIGGERS_DIR: triggers }
    server = await start(env)
    await createShipments(server.url, 5)
    // Every event has reached the broker and been offered once; none was taken.
    await until(() => created.offered.size === 5, 'each event offered')
    const killed = once(server.child, 'exit')
    server.child.kill('SIGKILL')
    await killed

    subscriberUp = true
    server = await start(env)
    await until(() => created.accepted.size === 5, 'each event delivered after the restart')
    expect([...created.accepted].sort()).toEqual([...created.offered].sort())
  }, 120_000)
})
