import { createTestDatabase } from '@dropmate/db/testing'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))

interface Started {
  child: ChildProcess
  logs: Array<Record<string, unknown>>
  url: string
}

/** Runs the real entry point as `npm start` does, on a free port. */
function run(env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  createInterface({ input: child.stdout! }).on('line', (line) => logs.push(JSON.parse(line)))
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }))
  return { child, logs, exited }
}

async function start(env: Record<string, string | undefined>): Promise<Started> {
  const { child, logs, exited } = run(env)
  for (;;) {
    const listening = logs.find((log) => log.msg === 'listening')
    if (listening) return { child, logs, url: `http://127.0.0.1:${listening.port}` }
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(r, 50))])
    if (outcome) throw new Error(`server exited before listening: ${JSON.stringify(outcome)}`)
  }
}

async function stop({ child }: Started) {
  const exit = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exit
  return code as number | null
}

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-start-'))
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
  it('serves a ready server on embedded Postgres with nothing installed, and stops cleanly', async () => {
    const server = await start({ DATA_DIR: dataDir })
    const ready = await fetch(`${server.url}/ready`)
    expect(ready.status).toBe(200)
    expect(server.logs).toContainEqual(expect.objectContaining({ mode: 'embedded' }))

    expect(await stop(server)).toBe(0)
    expect(server.logs.at(-1)).toMatchObject({ msg: 'shut down cleanly' })
  })

  it('comes back on the same data without migrating again', async () => {
    await stop(await start({ DATA_DIR: dataDir }))
    const again = await start({ DATA_DIR: dataDir })
    try {
      expect((await fetch(`${again.url}/ready`)).status).toBe(200)
      expect(again.logs).toContainEqual(
        expect.objectContaining({ msg: 'migrations current', applied: [] }),
      )
    } finally {
      await stop(again)
    }
  })

  it('refuses to open data another running server holds', async () => {
    const first = await start({ DATA_DIR: dataDir })
    try {
      const { code, stderr } = await run({ DATA_DIR: dataDir }).exited
      expect(code).toBe(1)
      expect(stderr).toMatch(new RegExp(`${dataDir} is in use by process \\d+`))
    } finally {
      await stop(first)
    }
  })

  it('fails fast on bad configuration, naming the variable', async () => {
    const { code, stderr } = await run({ DATA_DIR: dataDir, PORT: 'eighty' }).exited
    expect(code).toBe(1)
    expect(stderr).toMatch(/PORT must be a port number/)
  })

  it.runIf(process.env.DATABASE_URL)('runs the same code against PostgreSQL', async () => {
    const db = await createTestDatabase()
    try {
      const server = await start({ DATABASE_URL: db.url, DATA_DIR: dataDir })
      expect(server.logs).toContainEqual(expect.objectContaining({ mode: 'postgres' }))
      expect((await fetch(`${server.url}/ready`)).status).toBe(200)
      expect(await stop(server)).toBe(0)
    } finally {
      await db.drop()
    }
  })
})
