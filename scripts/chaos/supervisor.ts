import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { answers, inherited, ROOT } from '../bench/child'

const KEPT_LINES = 30
const STOP_TIMEOUT_MS = 10_000
// What of a crash the report shows: the end of the output, where the error is.
const CRASH_LINES = 8
const CRASH_LINE_CHARS = 240
// Kubernetes restarts a crashed container after a back-off of ten seconds at first; one
// second keeps a scenario short while still showing the crash.
const RESTART_AFTER_MS = 1_000
// pino's number for `fatal`.
const FATAL = 60

export interface ProcessSpec {
  /** How the table and failures name it: `server`, `ingest`, `dispatcher`, `gateway`. */
  name: string
  script: string
  env: Record<string, string | undefined>
  /** Fixed for the process's life, so clients and Triggers find it again after a restart. */
  port: number
  /** Told every line the process writes, stdout and stderr. */
  onLine?: (line: string) => void
}

export interface Supervised {
  name: string
  url: string
  /** The running process's id, to read its CPU and memory; none while it is down. */
  pid(): number | undefined
  /** `kill -9`, then start again on the same port, as a pod's container is restarted. */
  killAndRestart(): Promise<void>
  /** SIGTERM and wait for the exit, to be started again later with `start`. */
  terminate(): Promise<void>
  start(): void
  /** Resolves once `path` answers 2xx (false when `timeoutMs` passes first). */
  answers(path: string, timeoutMs: number): Promise<boolean>
  /** Log lines at fatal, and exits nobody asked for, each with the process's last output. */
  fatalLines: string[]
  crashes: string[]
  /** SIGTERM, as at the end of a deployment (SIGKILL if it does not exit in time). */
  stop(): Promise<void>
}

/**
 * Runs one DropMate process on a port of its own and keeps it running as Kubernetes would:
 * an exit the suite did not cause is recorded as a crash and the process started again.
 * Every stdout line is parsed as the JSON log it should be, to catch fatal lines.
 */
export function supervise(spec: ProcessSpec): Supervised {
  const { port } = spec
  const url = `http://127.0.0.1:${port}`
  const lines: string[] = []
  const fatalLines: string[] = []
  const crashes: string[] = []
  let child: ChildProcess | undefined
  let stopping = false

  const start = () => {
    // A crash is explained by its own run's output, not by the run before the last restart.
    lines.length = 0
    const started = spawn(process.execPath, ['--import', 'tsx', spec.script], {
      cwd: ROOT,
      env: { ...inherited(), ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (line: string) => {
      lines.push(line)
      lines.splice(0, Math.max(0, lines.length - KEPT_LINES))
      if (levelOf(line) >= FATAL) fatalLines.push(line)
      spec.onLine?.(line)
    }
    createInterface({ input: started.stdout! }).on('line', keep)
    createInterface({ input: started.stderr! }).on('line', keep)
    started.on('exit', (code, signal) => {
      if (stopping || started !== child) return
      const last = lines.slice(-CRASH_LINES).map((line) => line.slice(0, CRASH_LINE_CHARS))
      crashes.push(
        `${spec.name} exited (${code ?? signal}); last output:\n    ${last.join('\n    ')}`,
      )
      setTimeout(() => {
        if (!stopping && started === child) child = start()
      }, RESTART_AFTER_MS)
    })
    return started
  }

  const kill = async (signal: NodeJS.Signals) => {
    const current = child
    child = undefined
    if (!current || current.exitCode !== null || current.signalCode !== null) return
    const exited = once(current, 'exit')
    current.kill(signal)
    const timer = setTimeout(() => current.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  child = start()
  return {
    name: spec.name,
    url,
    pid: () => child?.pid,
    async killAndRestart() {
      await kill('SIGKILL')
      child = start()
    },
    terminate: () => kill('SIGTERM'),
    start() {
      child ??= start()
    },
    async answers(path, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        if (await answers(url + path)) return true
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return false
    },
    fatalLines,
    crashes,
    async stop() {
      stopping = true
      await kill('SIGTERM')
    },
  }
}

function levelOf(line: string): number {
  try {
    const parsed = JSON.parse(line) as { level?: unknown }
    return typeof parsed.level === 'number' ? parsed.level : 0
  } catch {
    return 0
  }
}
