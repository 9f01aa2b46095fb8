import { loadConfig } from '@dropmate/core'
import { runWithDatabase } from '@dropmate/db/cli'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { publicBaseUrl } from '../lib/links'
import { seedDemoShop } from '../seed/seed-demo-shop'
import { formatSummary } from '../seed/summary'
import { startSimulation } from '../simulate-drivers'
import { demoEnv } from './demo-env'

// npm run demo: the demo shop seeded, served and driven in one command, for a first look.
// The server runs as its own process, exactly as npm start runs it; the seed runs before it
// (an embedded database is held by one process at a time) and the drivers after it.
const SERVER_ENTRY = 'functions/server/src/main.ts'
const READY_WITHIN_MS = 180_000
const DRIVERS = 10

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)}  ${line}`)

const env = demoEnv(process.env)
process.env = env
const config = loadConfig(env)
const password = env.SEED_PASSWORD || 'dropmate-demo'
const url = `http://127.0.0.1:${config.PORT}`

const where = env.DATABASE_URL ? 'DATABASE_URL' : `embedded, in ${config.DATA_DIR}`
log(`seeding the demo shop (${where})`)
await runWithDatabase(async (db) => {
  const created = await seedDemoShop(db.sql, { password })
  console.log(formatSummary(created, password, Boolean(env.SEED_PASSWORD)))
})
if (process.exitCode) process.exit()

mkdirSync(config.DATA_DIR, { recursive: true })
const serverLog = join(config.DATA_DIR, 'demo-server.log')
log(`starting the server on ${url}; its log goes to ${serverLog}`)
const server = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
  env,
  stdio: ['ignore', openSync(serverLog, 'a'), 'inherit'],
})
const serverExited = new Promise<number | null>((resolve) => server.once('exit', resolve))

try {
  await untilReady(url, server, serverExited)
} catch (error) {
  console.error(`demo: ${(error as Error).message} (see ${serverLog})`)
  server.kill('SIGTERM')
  process.exit(1)
}

const simulation = await startSimulation({
  url,
  publicUrl: publicBaseUrl(env),
  drivers: DRIVERS,
  password,
  log,
})
log(`${DRIVERS} drivers on duty; Ctrl-C stops the drivers and the server`)

const stopped = await Promise.race([stopRequested(), serverExited.then(() => 'server' as const)])
if (stopped === 'server') {
  console.error(`demo: the server stopped (see ${serverLog})`)
  process.exitCode = 1
}
// A second Ctrl-C means now.
process.once('SIGINT', () => process.exit(130))
log('stopping: drivers off duty, then the server')
await simulation.stop().catch(() => undefined)
server.kill('SIGTERM')
await serverExited

/** Waits for the server's /ready; refuses once it exited or took too long. */
async function untilReady(base: string, child: ChildProcess, exited: Promise<number | null>) {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + READY_WITHIN_MS
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited with code ${child.exitCode}`)
    const ready = await fetch(`${base}/ready`).then(
      (reply) => reply.ok,
      () => false,
    )
    if (ready) return
    await sleep(250)
  }
  throw new Error(`the server was not ready within ${READY_WITHIN_MS / 1000} s`)
}

function stopRequested() {
  return new Promise<'signal'>((resolve) => {
    const done = () => resolve('signal')
    process.once('SIGINT', done).once('SIGTERM', done)
  })
}
