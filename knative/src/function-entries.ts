import { FUNCTIONS, SERVICES } from '@dropmate/server/functions'
import { ROOT, deployFiles } from './sources'

/** A function's bundle entry: the export of its `app.ts` that FUNCTIONS (or SERVICES) names. */
export interface FunctionEntry {
  name: string
  /** The app module, relative to the repository root: the `app.ts` beside its `deploy.ts`. */
  module: string
  exportName: string
}

/**
 * Every function the one-function entry can serve, found where its bundle imports it from:
 * the module beside its deploy.ts that exports the very builder FUNCTIONS maps it to.
 */
export async function functionEntries(): Promise<FunctionEntry[]> {
  const deploys = await deployFiles()
  const entries: FunctionEntry[] = []
  for (const [name, build] of Object.entries({ ...FUNCTIONS, ...SERVICES })) {
    const deploy = deploys[name]
    if (!deploy) throw new Error(`${name}: no deploy.ts declares it`)
    const module = deploy.replace(/deploy\.ts$/, 'app.ts')
    const exports = (await import(`${ROOT}${module}`)) as Record<string, unknown>
    const exportName = Object.keys(exports).find((key) => exports[key] === build)
    if (!exportName) throw new Error(`${name}: ${module} does not export what FUNCTIONS names`)
    entries.push({ name, module, exportName })
  }
  return entries
}

/** The few lines a function's bundle is built from: its own app, served alone. */
export function entrySource({ name, module, exportName }: FunctionEntry): string {
  return [
    "import { runFunction } from './functions/server/src/function-server'",
    `import { ${exportName} } from './${module.replace(/\.ts$/, '')}'`,
    `runFunction('${name}', ${exportName})`,
  ].join('\n')
}
