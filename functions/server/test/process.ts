import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))
export const FUNCTION_MAIN = fileURLToPath(new URL('../src/function-main.ts', import.meta.url))

export interface Started {
  child: ChildProcess
  logs: Array<Record<string, unknown>>
  url: string
}

/**
 * Runs a real entry point (`npm start`'s by default) on a free port, as on a machine with
 * nothing installed unless `env` says otherwise: no DATABASE_URL, no REDIS_URL.
 */
export function run(env: Record<string, string | undefined>, entry = MAIN) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      REDIS_URL: undefined,
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

export async function start(
  env: Record<string, string | undefined>,
  entry = MAIN,
): Promise<Started> {
  const { child, logs, exited } = run(env, entry)
  for (;;) {
    const listening = logs.find((log) => log.msg === 'listening')
    if (listening) return { child, logs, url: `http://127.0.0.1:${listening.port}` }
    const outcome = await Promise.race([exited, new Promise((r) => setTimeout(r, 50))])
    if (outcome) throw new Error(`server exited before listening: ${JSON.stringify(outcome)}`)
  }
}

export async function stop({ child }: Started) {
  const exit = once(child, 'exit')
  child.kill('SIGTERM')
  const [code] = await exit
  return code as number | null
}
