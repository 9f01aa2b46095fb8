import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Cleanups } from './cleanups'

/** The repository root: `--import tsx` and the server's paths resolve from there. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000
const KEPT_LINES = 40

export interface Child {
  url: string
  pid: number
  /** Stops it now rather than at cleanup (which then has nothing left to do). */
  stop(): Promise<void>
}

/** A port the system has just handed out and released, for a child to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (!address || typeof address === 'string') throw new Error('no port from the system')
  return address.port
}

/** The bench's baseline server (scripts/bench/hello-world.ts), as startChild takes it. */
export const HELLO_WORLD = {
  name: 'hello world',
  script: 'scripts/bench/hello-world.ts',
  env: {},
  readyPath: '/',
}

/**
 * Runs `node --import tsx <script>` on a free loopback port and resolves once `readyPath`
 * answers 2xx. The port is passed in, not read from the logs, because at LOG_LEVEL=warn
 * the server does not log the line that names it. Its stop (SIGTERM, SIGKILL after ten
 * seconds) is registered at spawn, so an interrupted start leaves no process behind.
 */
export async function startChild(
  options: { name: string; script: string; env: Record<string, string>; readyPath: string },
  cleanups: Cleanups,
): Promise<Child> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const slug = options.name.replace(/\W+/g, '-')
  const flags = profilesDir ? profiling(profilesDir, slug) : []
  // Its output goes to a file, not a pipe this process reads: at a request line per request,
  // reading it took CPU from the load generator that shares this process.
  const output = join(await outputDir(cleanups), `${slug}-${port}.log`)
  const fd = openSync(output, 'a')
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', options.script], {
    cwd: ROOT,
    env: { ...inherited(), ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const exited = once(child, 'exit')

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }
  cleanups.defer(`stop ${options.name}`, stop)

  const deadline = Date.now() + READY_TIMEOUT_MS
  while (!(await answers(url + options.readyPath))) {
    const gone = child.exitCode !== null || child.signalCode !== null
    if (gone || Date.now() > deadline) {
      await stop()
      const why = gone ? `exited (${child.exitCode ?? child.signalCode})` : 'never became ready'
      throw new Error(`${options.name} ${why}; its last output:\n${await lastLines(output)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, pid: child.pid!, stop }
}

/** Whether `url` answers 2xx within a second. */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/** Only what node needs from the caller's environment, so a stray variable changes nothing. */
export function inherited(): Record<string, string> {
  const names = ['PATH', 'HOME', 'TMPDIR', 'LANG']
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  )
}

const outputDirs = new WeakMap<Cleanups, Promise<string>>()

/** One directory for the output of every child of a run, removed by its cleanups. */
function outputDir(cleanups: Cleanups): Promise<string> {
  let dir = outputDirs.get(cleanups)
  if (!dir) {
    dir = mkdtemp(join(tmpdir(), 'dropmate-bench-output-'))
    outputDirs.set(cleanups, dir)
    const made = dir
    cleanups.defer("remove the servers' output", async () =>
      rm(await made, { recursive: true, force: true }),
    )
  }
  return dir
}

async function lastLines(file: string): Promise<string> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean)
  return lines.slice(-KEPT_LINES).join('\n')
}

let profilesDir: string | undefined

/** Children started from now on write a V8 CPU profile into `dir` as they stop. */
export function profileChildrenInto(dir: string): void {
  profilesDir = dir
}

/** Node's flags for a CPU profile named after the child: `server.cpuprofile`. */
function profiling(dir: string, slug: string): string[] {
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${slug}.cpuprofile`]
}
