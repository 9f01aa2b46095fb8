import { createTestDatabase } from '@dropmate/db/testing'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { run, start, stop } from './process'

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-start-'))
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
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
