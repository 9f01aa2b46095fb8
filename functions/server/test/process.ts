import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))
export const FUNCTION_MAIN = fileURLToPath(new URL('../src/function-main.ts', import.meta.url))
export const DISPATCHER_MAIN = fileURLToPath(new URL('../src/dispatcher-main.ts', import.meta.url))
export const REALTIME_MAIN = fileURLToPath(
  new URL('../../../realtime/src/main.ts', import.meta.url),
)

export interface Exit {
  code: number | null
  stderr: string
}

export interface Started {
  child: ChildProcess
  logs: Array<Record<string, unknown>>
  url: string
  /** Settles when the process exits, with what it wrote to stderr. */
  exited: Promise<Exit>
}

/**
 * Runs a real entry point (`npm start`'s by default) on a free port, as on a machine with
 * nothing installed unless `env` says otherwise: no DATABASE_URL, no REDIS_URL.
 */
export function run(env: Record<string, string | undefined>, entry = MAIN) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return collect(child)
}

/**
 * `npm start` itself, in a process group of its own as a terminal runs it, so a test can
 * press Ctrl-C: `process.kill(-child.pid, 'SIGINT')` signals npm and the server alike.
 */
export function runNpmStart(env: Record<string, string | undefined>) {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  return collect(child)
}

export async function start(
  env: Record<string, string | undefined>,
  entry = MAIN,
): Promise<Started> {
  return listening(run(env, entry))
}

/** Waits for a run to log `listening`, and says where. */
export async function listening({
  child,
  logs,
  exited,
}: ReturnType<typeof collect>): Promise<Started> {
  for (;;) {
    const line = logs.find((log) => log.msg === 'listening')
    if (line) return { child, logs, exited, url: `http://127.0.0.1:${line.port}` }
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(r, 50))])
    if (outcome) throw new Error(`server exited before listening: ${JSON.stringify(outcome)}`)
  }
}

function serverEnv(env: Record<string, string | undefined>) {
  return {
    ...process.env,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...env,
  }
}

/** The JSON log lines a child prints (npm's own banner lines aside), and how it exits. */
function collect(child: ChildProcess) {
  const logs: Array<Record<string, unknown>> = []
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) logs.push(JSON.parse(line))
  })
  const exited = once(child, 'exit').then(([code]): Exit => ({
    code: code as number | null,
    stderr,
  }))
  return { child, logs, exited }
}

export async function stop({ child }: Started) {
  const exit = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exit
  return code as number | null
}
