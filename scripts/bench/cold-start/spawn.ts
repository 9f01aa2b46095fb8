import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { request } from 'node:http'

export interface Start {
  /** From spawn to the first 200 on the health path. */
  ms: number
  /** From spawn to the 200 of `thenPath`, asked once right after, when asked for. */
  thenMs?: number
  /** Resident memory after `idleMs` of idling past the first 200, when asked for. */
  rssBytes?: number
}

export interface StartOptions {
  command: string
  args: string[]
  env: Record<string, string>
  port: number
  healthPath: string
  /** Give up on a start after this long. */
  timeoutMs: number
  /** Read the resident memory this long after the first 200; leave out to skip. */
  idleMs?: number
  /** A path to ask once after the first 200 (and the idling), timed from spawn too. */
  thenPath?: string
}

const POLL_MS = 2

/**
 * Spawns a process fresh, asks `healthPath` on its port every 2 ms until it answers 200,
 * optionally reads its idle RSS and asks `thenPath` once, then kills it and waits for it to
 * be gone, so the next start has the machine to itself.
 */
export async function timeStart(options: StartOptions): Promise<Start> {
  const started = performance.now()
  const child = spawn(options.command, options.args, {
    env: options.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
  const exited = once(child, 'exit')
  try {
    const deadline = started + options.timeoutMs
    while (!(await answers200(options.port, options.healthPath))) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`)
      if (performance.now() > deadline) throw new Error(`no 200 within ${options.timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
    const start: Start = { ms: performance.now() - started }
    if (options.idleMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, options.idleMs))
      start.rssBytes = await residentBytes(child.pid!)
    }
    if (options.thenPath !== undefined) {
      if (!(await answers200(options.port, options.thenPath))) {
        throw new Error(`no 200 on ${options.thenPath}: ${stderr}`)
      }
      start.thenMs = performance.now() - started
    }
    return start
  } finally {
    child.kill('SIGKILL')
    await exited
  }
}

function answers200(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('error', () => resolve(false))
    req.end()
  })
}

/** VmRSS of a process (Linux): what `ps` and Kubernetes' memory accounting start from. */
async function residentBytes(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  return kib === undefined ? undefined : Number(kib) * 1024
}
