import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The module that defines the function deployed as `name`, relative to the root: its folder
 * bears its name (`functions/<package>/src/<name>/index.ts`), in whichever package. Throws
 * when no folder, or more than one, does.
 */
export async function functionModule(name: string): Promise<string> {
  const packages = await readdir(`${ROOT}functions`)
  const modules = packages
    .map((found) => `functions/${found}/src/${name}/index.ts`)
    .filter((path) => existsSync(`${ROOT}${path}`))
  if (modules.length !== 1) {
    throw new Error(`${name}: ${modules.length} folders named so in functions/*/src (want 1)`)
  }
  return modules[0]!
}
