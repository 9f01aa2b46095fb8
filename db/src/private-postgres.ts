import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { freePort } from './free-port'

export interface PrivatePostgres {
  /** The server's `postgres` database; tests create their own beside it. */
  url: string
  /** An immediate shutdown (`pg_ctl stop -m immediate`): every connection dropped, no checkpoint. */
  stopImmediately(): Promise<void>
  /** Starts it again on the same port and data, resolving once it accepts connections. */
  restart(): Promise<void>
  /** Stops it and removes its data. */
  cleanup(): Promise<void>
}

/** Debian's PostgreSQL binaries (the newest installed), or PG_BIN when set. */
function binDir(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    return versions.length ? `/usr/lib/postgresql/${versions[0]}/bin` : undefined
  } catch {
    return undefined
  }
}

/** Whether this machine can run a PostgreSQL of a test's own. */
export const postgresServerInstalled = (() => {
  const dir = binDir()
  if (!dir) return false
  try {
    execFileSync(join(dir, 'initdb'), ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/**
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` user Debian's
 * package creates, in a directory it owns.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  return { uid: id('-u'), gid: id('-g') }
}

/**
 * A PostgreSQL server of the test's own on a free port, for tests that stop it: the shared one
 * must stay up for everyone else. Trust authentication on loopback only.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort()
  const bin = binDir()
  if (!bin) throw new Error('no PostgreSQL binaries: apt-get install postgresql')
  const user = serverUser()
  const dir = await mkdtemp(join(tmpdir(), 'dropmate-postgres-'))
  if (user) await chown(dir, user.uid, user.gid)
  const data = join(dir, 'data')
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
    { stdio: 'ignore', ...user },
  )
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const startServer = async (): Promise<ChildProcess> => {
    const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1']
    // A process crash keeps the page cache, so fsync buys nothing here and costs seconds.
    args.push('-c', 'fsync=off', '-c', 'max_connections=200')
    const server = spawn(join(bin, 'postgres'), args, { stdio: 'ignore', ...user })
    const deadline = Date.now() + 30_000
    while (!(await accepts(url))) {
      if (server.exitCode !== null) throw new Error(`postgres on port ${port} exited at start`)
      if (Date.now() > deadline) throw new Error(`postgres on port ${port} did not start`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return server
  }
  let server = await startServer()
  const stop = async (signal: NodeJS.Signals) => {
    if (server.exitCode !== null || server.signalCode !== null) return
    const exited = once(server, 'exit')
    server.kill(signal)
    await exited
  }
  return {
    url,
    stopImmediately: () => stop('SIGQUIT'),
    async restart() {
      server = await startServer()
    },
    async cleanup() {
      await stop('SIGQUIT')
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function accepts(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} })
  try {
    await probe`select 1`
    return true
  } catch {
    return false
  } finally {
    await probe.end({ timeout: 1 })
  }
}
