import { DEPLOYED } from '@dropmate/server/functions'
import { ROOT, functionModule } from './sources'

/** A function's bundle entry: the export of its folder's `index.ts` that defines it. */
export interface FunctionEntry {
  name: string
  /** The defining module, relative to the repository root. */
  module: string
  exportName: string
}

/**
 * Every function the one-function entry can serve, found where its bundle imports it from:
 * the folder named as it is deployed, whose module exports the very definition DEPLOYED holds.
 */
export async function functionEntries(): Promise<FunctionEntry[]> {
  const entries: FunctionEntry[] = []
  for (const definition of DEPLOYED) {
    const { name } = definition
    const module = await functionModule(name)
    const exports = (await import(`${ROOT}${module}`)) as Record<string, unknown>
    const exportName = Object.keys(exports).find((key) => exports[key] === definition)
    if (!exportName) throw new Error(`${name}: ${module} does not export its definition`)
    entries.push({ name, module, exportName })
  }
  return entries
}

/** The few lines a function's bundle is built from: its own app, served alone. */
export function entrySource({ module, exportName }: FunctionEntry): string {
  return [
    "import { runFunction } from './functions/server/src/function-server'",
    `import { ${exportName} } from './${module.replace(/\.ts$/, '')}'`,
    `runFunction(${exportName}.name, ${exportName}.app)`,
  ].join('\n')
}

/** Each function's defining module by its name, for the generated files to point at. */
export async function definingModules(): Promise<Record<string, string>> {
  return Object.fromEntries((await functionEntries()).map(({ name, module }) => [name, module]))
}
