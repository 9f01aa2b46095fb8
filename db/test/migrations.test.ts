import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSql } from '../src/client'
import {
  appliedMigrations,
  loadMigrations,
  migrate,
  MigrationError,
  pendingMigrations,
} from '../src/migrations'
import { createTestDatabase, type TestDatabase } from '../src/testing'

let db: TestDatabase
let dir: string

beforeEach(async () => {
  db = await createTestDatabase()
  dir = await mkdtemp(join(tmpdir(), 'dropmate-migrations-'))
})

afterEach(async () => {
  await db.drop()
  await rm(dir, { recursive: true, force: true })
})

async function writeMigrations(files: Record<string, string>) {
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql)
  return loadMigrations(dir)
}

describe('migrate', () => {
  it('applies files in version order, each once, recording version and checksum', async () => {
    const migrations = await writeMigrations({
      '0002_add_colour.sql': 'alter table widgets add column colour text;',
      '0001_widgets.sql': 'create table widgets (id int primary key);',
      '0010_paint.sql': "update widgets set colour = 'red';",
    })
    const applied = await migrate(db.sql, migrations)
    expect(applied.map((m) => m.version)).toEqual([1, 2, 10])

    const rows = await appliedMigrations(db.sql)
    expect(rows.map((row) => [row.version, row.name, row.checksum])).toEqual(
      migrations.map((m) => [m.version, m.name, m.checksum]),
    )
    expect(await migrate(db.sql, migrations)).toEqual([])
    expect(await pendingMigrations(db.sql, migrations)).toEqual([])
  })

  it('applies only what is new on a later run', async () => {
    await migrate(
      db.sql,
      await writeMigrations({ '0001_widgets.sql': 'create table widgets (id int);' }),
    )
    const later = await writeMigrations({ '0002_gadgets.sql': 'create table gadgets (id int);' })
    expect(await pendingMigrations(db.sql, later)).toHaveLength(1)
    expect((await migrate(db.sql, later)).map((m) => m.name)).toEqual(['gadgets'])
  })

  it('refuses to run when an applied migration was edited, changing nothing', async () => {
    await migrate(
      db.sql,
      await writeMigrations({ '0001_widgets.sql': 'create table widgets (id int);' }),
    )
    const edited = await writeMigrations({
      '0001_widgets.sql': 'create table widgets (id bigint);',
      '0002_gadgets.sql': 'create table gadgets (id int);',
    })
    await expect(migrate(db.sql, edited)).rejects.toThrow(
      /0001_widgets.sql was edited after it was applied/,
    )
    await expect(pendingMigrations(db.sql, edited)).rejects.toThrow(MigrationError)
    const [gadgets] = await db.sql`select to_regclass('gadgets') as name`
    expect(gadgets?.name).toBeNull()
  })

  it('refuses a database migrated by newer code it does not know', async () => {
    await migrate(
      db.sql,
      await writeMigrations({ '0001_widgets.sql': 'create table widgets (id int);' }),
    )
    await rm(join(dir, '0001_widgets.sql'))
    const older = await writeMigrations({})
    await expect(migrate(db.sql, older)).rejects.toThrow(/0001_widgets.sql is applied but missing/)
  })

  it('rolls back a failing migration whole and records nothing for it', async () => {
    const migrations = await writeMigrations({
      '0001_widgets.sql': 'create table widgets (id int);',
      '0002_broken.sql': 'create table half_done (id int); select no_such_function();',
    })
    await expect(migrate(db.sql, migrations)).rejects.toThrow(/no_such_function/)
    const [halfDone] = await db.sql`select to_regclass('half_done') as name`
    expect(halfDone?.name).toBeNull()
    expect((await appliedMigrations(db.sql)).map((row) => row.version)).toEqual([1])
  })

  it('applies each migration exactly once when two runners start together', async () => {
    // Each migration appends a row, so a second application would show up as a duplicate.
    const migrations = await writeMigrations({
      '0001_log.sql': 'create table applied_log (version int);',
      '0002_a.sql': 'select pg_sleep(0.2); insert into applied_log values (2);',
      '0003_b.sql': 'insert into applied_log values (3);',
    })
    const other = createSql({ url: db.url, poolMax: 1, prepare: false })
    try {
      const [first, second] = await Promise.all([
        migrate(db.sql, migrations),
        migrate(other, migrations),
      ])
      expect([...first, ...second].map((m) => m.version).sort()).toEqual([1, 2, 3])
      const log = await db.sql`select version from applied_log order by version`
      expect(log.map((row) => row.version)).toEqual([2, 3])
    } finally {
      await other.end()
    }
  })

  it('names a file that does not follow NNNN_name.sql', async () => {
    await writeFile(join(dir, 'add-widgets.sql'), 'select 1;')
    await expect(loadMigrations(dir)).rejects.toThrow(/add-widgets.sql: migration files are named/)
  })

  it('refuses two migrations with one version', async () => {
    await expect(
      writeMigrations({ '0001_a.sql': 'select 1;', '0001_b.sql': 'select 1;' }),
    ).rejects.toThrow(/two migrations share version 1/)
  })
})
