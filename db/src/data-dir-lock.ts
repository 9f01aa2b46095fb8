import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

/**
 * Makes one process the only user of an embedded data directory: PGlite has no locking of
 * its own, and two writers would corrupt it. A lock left by a process that died is taken
 * over. Returns the release function.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const lockPath = join(dataDir, 'dropmate.pid')
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(await readFile(lockPath, 'utf8').catch(() => ''))
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DataDirLockedError(
        `${dataDir} is in use by process ${holder}; stop that DropMate first or set DATA_DIR`,
      )
    }
    await rm(lockPath, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
