import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A random secret generated on first use and kept in `dataDir` under `name`, readable by its
 * owner only: the same one for every process sharing the directory, across restarts.
 */
export async function keptSecret(dataDir: string, name: string) {
  const path = join(dataDir, name)
  await mkdir(dataDir, { recursive: true })
  try {
    const handle = await open(path, 'wx', 0o600)
    await handle.writeFile(randomBytes(48).toString('base64url'))
    await handle.close()
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return (await readFile(path, 'utf8')).trim()
}
