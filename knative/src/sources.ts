import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Every `functions/<package>/src/**\/deploy.ts` by the function name it declares. */
export async function deployFiles(): Promise<Record<string, string>> {
  const found: Record<string, string> = {}
  const files = await readdir(`${ROOT}functions`, { recursive: true })
  for (const file of files.filter((path) => /^[^/]+\/src\/.*\/?deploy\.ts$/.test(path)).sort()) {
    const text = await readFile(`${ROOT}functions/${file}`, 'utf8')
    const name = /\bname: '([^']+)'/.exec(text)?.[1]
    if (name) found[name] = `functions/${file}`
  }
  return found
}
