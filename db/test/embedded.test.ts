import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/database'
import { DataDirLockedError } from '../src/data-dir-lock'
import { loadMigrations, migrate, pendingMigrations } from '../src/migrations'
import { createUser, findUserByEmail } from '../src/queries/users'

let dataDir: string

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-embedded-'))
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const open = () => openDatabase({ dataDir, poolMax: 5, prepare: true })

describe('the embedded database', () => {
  it('keeps its data across a restart', async () => {
    const migrations = await loadMigrations()
    const first = await open()
    expect(first.mode).toBe('embedded')
    await migrate(first.sql, migrations)
    await createUser(first.sql, { email: 'Ana@Example.com', name: 'Ana', role: 'dispatcher' })
    await first.close()

    const second = await open()
    try {
      expect(await pendingMigrations(second.sql, migrations)).toEqual([])
      const ana = await findUserByEmail(second.sql, 'ana@example.com')
      expect(ana).toMatchObject({ name: 'Ana', role: 'dispatcher' })
    } finally {
      await second.close()
    }
  })

  it('refuses a second process on the same data directory', async () => {
    const holder = await open()
    try {
      // Our own pid would count as "this process"; any live foreign pid stands in here.
      await rm(join(dataDir, 'dropmate.pid'))
      await writeFile(join(dataDir, 'dropmate.pid'), String(process.ppid))
      await expect(open()).rejects.toThrow(DataDirLockedError)
      await expect(open()).rejects.toThrow(/in use by process \d+/)
    } finally {
      await holder.close()
    }
  })

  it('takes over a lock left behind by a process that died', async () => {
    await writeFile(join(dataDir, 'dropmate.pid'), '2147483646')
    const db = await open()
    try {
      const [row] = await db.sql`select 1 as one`
      expect(row?.one).toBe(1)
    } finally {
      await db.close()
    }
  })
})
