import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import packageJson from '../package.json' with { type: 'json' }
import { openDatabase } from './database'
import { loadMigrations, migrate } from './migrations'

// Beside other tools' caches: gone with node_modules, never in the repository or /tmp.
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/dropmate-pgdata/', import.meta.url))

/**
 * A new data directory for `npm start` and the CLIs whose embedded database exists and is
 * migrated, as a server leaves it after its first start. A fresh one costs PGlite's initdb,
 * several seconds, in every test that starts a server on one; this copies a database made once
 * for the current migrations and PGlite instead. Tests of the first start itself take an empty
 * directory.
 *
 * @example
 * const dataDir = await migratedDataDir('dropmate-broker-')
 */
export async function migratedDataDir(prefix: string): Promise<string> {
  const template = await (made ??= migratedTemplate())
  const dataDir = await mkdtemp(join(tmpdir(), prefix))
  // cp(1): a tenth of the time fs.cp takes over PGlite's thousand-odd files.
  await promisify(execFile)('cp', ['-R', join(template, 'pgdata'), join(dataDir, 'pgdata')])
  return dataDir
}

let made: Promise<string> | undefined

/** The template for these migrations and this PGlite, made by whichever process asks first. */
async function migratedTemplate(): Promise<string> {
  const migrations = await loadMigrations()
  const key = createHash('sha256')
    .update(packageJson.dependencies['@electric-sql/pglite'])
    .update(migrations.map(({ checksum }) => checksum).join())
    .digest('hex')
    .slice(0, 16)
  const template = join(CACHE, key)
  if (await exists(template)) return template
  await mkdir(CACHE, { recursive: true })
  const building = await mkdtemp(join(CACHE, 'building-'))
  try {
    const database = await openDatabase({ dataDir: building, poolMax: 1, prepare: false })
    try {
      await migrate(database.sql, migrations)
    } finally {
      await database.close()
    }
    // Test files in other workers may have made it meanwhile: theirs is as good.
    await rename(building, template).catch(async (error: unknown) => {
      if (!(await exists(template))) throw error
    })
  } finally {
    await rm(building, { recursive: true, force: true })
  }
  return template
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )
