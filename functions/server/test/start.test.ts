import { createTestDatabase, migratedDataDir } from '@dropmate/db/testing'
import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listening, run, runNpmStart, start, stop } from './process'

let dataDir: string

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
  // Empty, as on a shop's first start: these tests are of that start.
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dropmate-start-'))
  })

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

/**
 * A request whose body is still on its way: in flight until `finish` sends the rest.
 * Resolves to the status the server answered, or rejects if the connection was cut.
 */
function slowLogin(url: string) {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-a-password' })
  const half = body.length >> 1
  const request = http.request(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': body.length },
  })
  const answered = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode!)
    })
    request.on('error', reject)
  })
  request.write(body.slice(0, half))
  return { answered, finish: () => request.end(body.slice(half)) }
}

const pressCtrlC = (child: ChildProcess) => process.kill(-child.pid!, 'SIGINT')

describe('Ctrl-C on npm start', () => {
  // As a server leaves it after its first start, which these tests are not about.
  beforeEach(async () => {
    dataDir = await migratedDataDir('dropmate-start-')
  })

  // What a failed test would leave running: npm's whole process group, or a server.
  const leftovers: Array<() => void> = []
  const npmStart = () => {
    const started = runNpmStart({ DATA_DIR: dataDir })
    const { child } = started
    leftovers.push(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
    })
    return started
  }

  afterEach(() => {
    for (const kill of leftovers.splice(0)) kill()
  })

  it('drains in-flight requests once, though npm and the terminal both signal', async () => {
    const npm = npmStart()
    const server = await listening(npm)
    const login = slowLogin(server.url)

    pressCtrlC(npm.child)
    await expect
      .poll(() => server.logs.some((log) => log.msg === 'shutting down'), { timeout: 30_000 })
      .toBe(true)
    login.finish()

    expect(await login.answered).toBe(401)
    expect((await npm.exited).code).toBe(0)
    expect(server.logs.map((log) => log.msg)).not.toContain('second signal, exiting now')
    expect(server.logs.at(-1)).toMatchObject({ msg: 'shut down cleanly' })
  }, 180_000)

  it('counts the copy npm forwards, arriving just after the signal itself, as one', async () => {
    const direct = run({ DATA_DIR: dataDir })
    leftovers.push(() => direct.child.kill('SIGKILL'))
    const server = await listening(direct)
    const login = slowLogin(server.url)

    // Apart enough that the kernel delivers both, as it does when npm's copy comes second.
    direct.child.kill('SIGINT')
    await new Promise((resolve) => setTimeout(resolve, 50))
    direct.child.kill('SIGINT')
    await expect
      .poll(() => server.logs.some((log) => log.msg === 'shutting down'), { timeout: 30_000 })
      .toBe(true)
    login.finish()

    expect(await login.answered).toBe(401)
    expect((await direct.exited).code).toBe(0)
    expect(server.logs.at(-1)).toMatchObject({ msg: 'shut down cleanly' })
  }, 120_000)

  it('exits at once on a second Ctrl-C a moment later', async () => {
    const npm = npmStart()
    const server = await listening(npm)
    const login = slowLogin(server.url)
    login.answered.catch(() => {})

    pressCtrlC(npm.child)
    await expect
      .poll(() => server.logs.some((log) => log.msg === 'shutting down'), { timeout: 30_000 })
      .toBe(true)
    // Well past one keypress's pair of signals, with the login still holding the drain open.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    pressCtrlC(npm.child)

    expect((await npm.exited).code).not.toBe(0)
    expect(server.logs).toContainEqual(
      expect.objectContaining({ msg: 'second signal, exiting now' }),
    )
  }, 180_000)
})
