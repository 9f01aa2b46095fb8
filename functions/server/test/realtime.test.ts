import { migratedDataDir } from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)
const password = 'a long enough password'

let dataDir: string
let server: Started
let socket: Socket | undefined

beforeAll(async () => {
  dataDir = await migratedDataDir('dropmate-realtime-')
  const account = ['--email', 'ana@example.com', '--name', 'Ana', '--role', 'dispatcher']
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...account,
      '--password',
      password,
    ],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined } },
  )
  // The Triggers the repository ships: the broker delivers to the gateway on this server.
  server = await start({ DATA_DIR: dataDir, TRIGGERS_DIR: join(root, 'knative/triggers') })
})

afterAll(async () => {
  socket?.disconnect()
  if (server) await stop(server)
  await rm(dataDir, { recursive: true, force: true })
})

describe('the realtime gateway inside npm start', () => {
  it('sends a signed-in dispatcher a shipment created over the API, on the same port', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.com', password }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    socket = io(server.url, { auth: { token: accessToken }, transports: ['websocket'] })
    await new Promise((resolve, reject) => {
      socket!.once('connect', () => resolve(undefined))
      socket!.once('connect_error', reject)
    })
    const updated = new Promise<{ shipmentId: string; status: string }>((resolve) =>
      socket!.once('shipment_updated', resolve),
    )

    const party = { name: 'Rita', address: 'Rua A 1, Lisboa', lat: 38.71, lng: -9.13 }
    const created = await fetch(`${server.url}/api/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ sender: party, receiver: party }),
    })
    const shipment = (await created.json()) as { id: string }
    expect(await updated).toMatchObject({ shipmentId: shipment.id, status: 'pending' })
  })
})
