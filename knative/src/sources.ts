import { access, readdir } from 'node:fs/promises'
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
  const candidates = packages.map((found) => `functions/${found}/src/${name}/index.ts`)
  const present = await Promise.all(candidates.map((path) => exists(`${ROOT}${path}`)))
  const modules = candidates.filter((_, index) => present[index])
  if (modules.length !== 1) {
    throw new Error(`${name}: ${modules.length} folders named so in functions/*/src (want 1)`)
  }
  return modules[0]!
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )
