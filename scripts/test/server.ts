import { createTestDatabase, deleteRedisKeys, migratedDataDir } from '@dropmate/db/testing'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** Shared by the scripts tests that drive a real one-process server over HTTP. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SERVER = 'functions/server/src/main.ts'
const SEED = 'scripts/seed/main.ts'
const RUN_SQL = 'scripts/test/run-sql.ts'

export interface Outcome {
  code: number | null
  stdout: string
  stderr: string
}

// No DATABASE_URL nor REDIS_URL: embedded Postgres in DATA_DIR, as `npm start` runs with
// nothing set.
const baseEnv = (dataDir: string) => ({
  ...process.env,
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
  SEED_PASSWORD: undefined,
  DROPMATE_URL: undefined,
  DATA_DIR: dataDir,
})

/** `node --import tsx <script>` from the repository root, on the embedded data in `dataDir`. */
export function runScript(
  dataDir: string,
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...baseEnv(dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Waits for a child to exit, with everything it printed. */
export async function finish(child: ChildProcess): Promise<Outcome> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk) => (stdout += chunk))
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  const [code] = await once(child, 'exit')
  return { code: code as number | null, stdout, stderr }
}

export interface TestServer {
  child: ChildProcess
  url: string
  /** Every line it has printed so far, stdout and stderr. */
  output: string[]
  /** SIGTERM, and wait for it to exit. */
  stop(): Promise<void>
}

/** Starts the server as `npm start` does and learns its port from the `listening` log line. */
export async function startServer(
  dataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<TestServer> {
  const serving = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }
  const child = runScript(dataDir, SERVER, [], serving)
  const output: string[] = []
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
  const listening = new Promise<number>((resolve) =>
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line)
      if (line.includes('"msg":"listening"')) resolve((JSON.parse(line) as { port: number }).port)
    }),
  )
  const exit = once(child, 'exit')
  const exited = exit.then(([code]) => {
    throw new Error(`server exited ${code} before listening: ${output.join('\n')}`)
  })
  const port = await Promise.race([listening, exited])
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await exit
    },
  }
}

export interface SeededServer extends TestServer {
  dataDir: string
  /** What seeding printed. */
  seeded: Outcome
  /** Stops the server and deletes its data. */
  close(): Promise<void>
}

export interface SeedOptions {
  /** SQL run on the seeded database before the server starts (see run-sql.ts). */
  sql?: string
  /** The server's environment beside the database's. */
  env?: Record<string, string | undefined>
}

/**
 * The demo shop (`npm run db:seed`) served by a one-process server: on a database and Redis
 * keys of its own when the machine has PostgreSQL and Redis (DATABASE_URL, REDIS_URL), else
 * embedded in a data directory of its own. Seeded first: embedded data can be open in one
 * process at a time.
 */
export async function startSeededServer(
  name: string,
  options: SeedOptions = {},
): Promise<SeededServer> {
  const services = await ownServices()
  // Embedded, the seed script and the server find the database made and migrated already.
  const dataDir = services.env.DATABASE_URL
    ? await mkdtemp(join(tmpdir(), `dropmate-${name}-`))
    : await migratedDataDir(`dropmate-${name}-`)
  const remove = async () => {
    await services.remove()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const seeded = await finish(runScript(dataDir, SEED, [], services.env))
    if (seeded.code !== 0) throw new Error(`seeding exited ${seeded.code}: ${seeded.stderr}`)
    if (options.sql) {
      const ran = await finish(runScript(dataDir, RUN_SQL, [options.sql], services.env))
      if (ran.code !== 0) throw new Error(`SQL exited ${ran.code}: ${ran.stderr}`)
    }
    const server = await startServer(dataDir, { ...options.env, ...services.env })
    return { ...server, dataDir, seeded, close: () => server.stop().then(remove) }
  } catch (error) {
    await remove()
    throw error
  }
}

/** A new database on the machine's PostgreSQL and a key prefix on its Redis, where present. */
async function ownServices() {
  const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined
  const redisUrl = process.env.REDIS_URL
  const prefix = `test:${randomBytes(6).toString('hex')}:`
  return {
    env: {
      DATABASE_URL: database?.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisUrl ? prefix : undefined,
    },
    async remove() {
      await database?.drop()
      if (redisUrl) await deleteRedisKeys(redisUrl, prefix)
    },
  }
}
