import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SEED = 'scripts/seed/main.ts'
const SERVER = 'functions/server/src/main.ts'
const FLOW = 'scripts/test-shipment-flow/main.ts'

interface Outcome {
  code: number | null
  stdout: string
  stderr: string
}

// No DATABASE_URL nor REDIS_URL: embedded Postgres in DATA_DIR, as `npm start` runs with
// nothing set.
const baseEnv = () => ({
  ...process.env,
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
  SEED_PASSWORD: undefined,
  DROPMATE_URL: undefined,
  DATA_DIR: dataDir,
})

function node(script: string, args: string[] = [], env: Record<string, string | undefined> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function finish(child: ChildProcess): Promise<Outcome> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const [code] = await once(child, 'exit')
  return { code: code as number | null, stdout, stderr }
}

/** Starts the server as `npm start` does and learns its port from the `listening` log line. */
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = node(SERVER, [], { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const lines = createInterface({ input: child.stdout! })
  const listening = new Promise<number>((resolve) =>
    lines.on('line', (line) => {
      if (line.includes('"msg":"listening"')) resolve((JSON.parse(line) as { port: number }).port)
    }),
  )
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server exited ${code} before listening: ${stderr}`)
  })
  const port = await Promise.race([listening, exited])
  return { child, url: `http://127.0.0.1:${port}` }
}

const flow = (args: string[]) => finish(node(FLOW, ['--base-url', server.url, ...args]))

let dataDir: string
let server: Awaited<ReturnType<typeof startServer>>

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-flow-'))
  // Before the server: embedded data can be open in one process at a time.
  const seeded = await finish(node(SEED))
  expect(seeded, seeded.stderr).toMatchObject({ code: 0 })
  server = await startServer()
})

afterAll(async () => {
  if (server) {
    const exit = once(server.child, 'exit')
    server.child.kill('SIGTERM')
    await exit
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('npm run test:flow', () => {
  it('walks a new shipment to delivered on a seeded server and exits 0 with a summary', async () => {
    const { code, stdout, stderr } = await flow([])

    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Public tracking view of DM\w+ \(no sign-in\):$/m)
    expect(stdout).toMatch(/created +· → pending +by dispatcher/)
    expect(stdout.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^PASS shipment flow on ${server.url}: DM\\w+ \\(flow-\\w+\\) delivered by`),
    )
  })

  it('exits 1 naming the login step when the password is wrong', async () => {
    const { code, stdout, stderr } = await flow(['--password', 'not-the-password'])

    expect(code).toBe(1)
    expect(stdout).not.toMatch(/PASS/)
    expect(stderr).toMatch(
      'FAIL shipment flow, step "log in as dispatcher": POST /api/auth/login answered 401 ' +
        '(expected 200): invalid_credentials',
    )
  })
})
