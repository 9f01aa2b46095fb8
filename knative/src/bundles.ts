import { build, type BuildOptions } from 'esbuild'
import { cp, mkdir, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import {
  englishOnlyZod,
  separateModules,
  trimmedIndexes,
  withoutEmbeddedPostgres,
} from './bundle-plugins'
import { entrySource, functionEntries } from './function-entries'
import { ROOT } from './sources'

/** Each deployable process other than the functions: one entry, one bundle, one image. */
export const ENTRIES = {
  realtime: 'realtime/src/main.ts',
  dispatcher: 'functions/server/src/dispatcher-main.ts',
  monitor: 'functions/monitor/src/main.ts',
  migrate: 'db/src/cli/migrate.ts',
} as const

type ProcessName = keyof typeof ENTRIES

/** Every image: `function` carries each function's bundle, the others their process's own. */
export const IMAGES = ['function', ...(Object.keys(ENTRIES) as ProcessName[])] as const

/**
 * Modules that bundles import on first use from a file of their own in `bundles/`, so a
 * process that never needs them never reads them: firebase-admin (670 KiB bundled) serves
 * firebase mode only, SendGrid's client (270 KiB) the first email, the AWS SDK's S3 client
 * (400 KiB) the first proof-of-delivery file, the OpenTelemetry SDK a process with an OTLP
 * endpoint set.
 */
export const SEPARATE: Record<string, string> = {
  'functions/kit/src/auth/firebase-admin.ts': 'firebase-admin.mjs',
  'functions/mail/src/sendgrid.ts': 'sendgrid.mjs',
  'functions/kit/src/object-storage/s3-client.ts': 's3-client.mjs',
  'functions/runtime/src/tracing-sdk.ts': 'opentelemetry.mjs',
}

/**
 * Where `npm run build:bundles` writes, in the layout the images keep under /app:
 * `bundles/<process>.mjs`, `functions/<function>.mjs`, and `migrations/` one level up from
 * both, where db's MIGRATIONS_DIR (`../migrations/` beside the running bundle) looks.
 */
export const DIST = `${ROOT}dist`

export const functionFile = (name: string, outDir = DIST) => `${outDir}/functions/${name}.mjs`

export interface Bundle {
  /** The process (`realtime`), the function (`track-shipment`) or the separate module. */
  name: string
  file: string
  options: BuildOptions
}

/** Every bundle the images ship: the processes', one per function, the separate modules. */
export async function allBundles(outDir = DIST): Promise<Bundle[]> {
  const processes = (Object.keys(ENTRIES) as ProcessName[]).map((name) => {
    const file = `${outDir}/bundles/${name}.mjs`
    return { name, file, options: bundleOptions(file, outDir, { entryPoints: [ENTRIES[name]] }) }
  })
  return [...processes, ...(await functionBundles(undefined, outDir)), ...separateBundles(outDir)]
}

/** Each function alone (every one by default): generated lines importing its own app only. */
export async function functionBundles(names?: readonly string[], outDir = DIST) {
  const entries = (await functionEntries()).filter((entry) => !names || names.includes(entry.name))
  return entries.map((entry): Bundle => {
    const file = functionFile(entry.name, outDir)
    const stdin = { contents: entrySource(entry), resolveDir: ROOT, loader: 'ts' as const }
    return { name: entry.name, file, options: bundleOptions(file, outDir, { stdin }) }
  })
}

/** The separate modules, which every bundle may import. */
export function separateBundles(outDir = DIST): Bundle[] {
  return Object.entries(SEPARATE).map(([module, name]) => {
    const file = `${outDir}/bundles/${name}`
    return { name, file, options: bundleOptions(file, outDir, { entryPoints: [module] }) }
  })
}

export interface BundleResult {
  name: string
  file: string
  bytes: number
}

/**
 * Builds `bundles` (every one by default) and copies the SQL migrations where the bundles
 * look for them.
 */
export async function buildBundles(bundles?: Bundle[], outDir = DIST): Promise<BundleResult[]> {
  const results: BundleResult[] = []
  for (const { name, file, options } of bundles ?? (await allBundles(outDir))) {
    await mkdir(dirname(file), { recursive: true })
    await build(options)
    results.push({ name, file, bytes: (await stat(file)).size })
  }
  await rm(`${outDir}/migrations`, { recursive: true, force: true })
  await cp(`${ROOT}db/migrations`, `${outDir}/migrations`, { recursive: true })
  return results
}

// Dependencies written for CommonJS call require('events') and the like, which an ES module
// lacks (REFERENCE.md).
const BANNER = [
  "import { createRequire as __dropmateCreateRequire } from 'node:module'",
  'const require = __dropmateCreateRequire(import.meta.url)',
].join('\n')

/** How every bundle is built, minified, for Node 24; the tests read its inputs from these. */
function bundleOptions(
  outfile: string,
  outDir: string,
  entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>,
): BuildOptions {
  return {
    ...entry,
    absWorkingDir: ROOT,
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // ES module builds first: they tree-shake; CommonJS-only packages still resolve.
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    banner: { js: BANNER },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      separateModules(outfile, SEPARATE, `${outDir}/bundles`),
      withoutEmbeddedPostgres,
      englishOnlyZod,
      trimmedIndexes,
    ],
    logLevel: 'warning',
  }
}
