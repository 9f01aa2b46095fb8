import { build, type BuildOptions, type Plugin } from 'esbuild'
import { cp, mkdir, rm, stat } from 'node:fs/promises'
import { ROOT } from './sources'

/** Each deployable process: one entry, bundled to one ESM file run with plain `node`. */
export const ENTRIES = {
  function: 'functions/server/src/function-main.ts',
  realtime: 'realtime/src/main.ts',
  dispatcher: 'functions/server/src/dispatcher-main.ts',
  monitor: 'functions/monitor/src/main.ts',
  migrate: 'db/src/cli/migrate.ts',
} as const

export type BundleName = keyof typeof ENTRIES

/** Where bundles go; migrations sit beside, where db's MIGRATIONS_DIR (`../migrations/`) looks. */
export const BUNDLE_DIR = `${ROOT}dist/bundles`
export const MIGRATIONS_OUT = `${ROOT}dist/migrations`

// Dependencies written for CommonJS call require('events') and the like, which an ES module
// lacks (REFERENCE.md).
const BANNER = [
  "import { createRequire as __dropmateCreateRequire } from 'node:module'",
  'const require = __dropmateCreateRequire(import.meta.url)',
].join('\n')

/**
 * In the cluster DATABASE_URL is always set, so the embedded PGlite (WASM, megabytes, files
 * beside its module) stays out of the bundles; without DATABASE_URL a bundle says so.
 */
const withoutEmbeddedPostgres: Plugin = {
  name: 'without-embedded-postgres',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/embedded$/ }, (args) =>
      args.importer.endsWith('db/src/database.ts')
        ? { path: 'embedded-stub', namespace: 'dropmate' }
        : undefined,
    )
    builder.onLoad({ filter: /^embedded-stub$/, namespace: 'dropmate' }, () => ({
      resolveDir: `${ROOT}db/src`,
      loader: 'ts',
      contents: `
        import { ConfigError } from '@dropmate/core'
        export const EMBEDDED_POOL_MAX = 1
        export async function startEmbeddedPostgres(): Promise<never> {
          throw new ConfigError('DATABASE_URL must be set: bundled processes have no embedded PostgreSQL')
        }`,
    }))
  },
}

/**
 * Zod re-exports every locale (`z.locales.*`, 260 KiB of the function bundle) although only
 * English, which it imports itself, is ever used; parsing them costs every cold start.
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /node_modules\/zod\/v4\//.test(args.importer)
        ? { path: 'zod-locales', namespace: 'dropmate' }
        : undefined,
    )
    builder.onLoad({ filter: /^zod-locales$/, namespace: 'dropmate' }, () => ({ contents: '' }))
  },
}

export interface BundleResult {
  name: BundleName
  file: string
  bytes: number
}

/**
 * Bundles each entry (every one by default) to `dist/bundles/<name>.mjs`, minified, for
 * Node 24, and copies the SQL migrations beside them.
 */
export async function buildBundles(names: readonly BundleName[] = bundleNames()) {
  await mkdir(BUNDLE_DIR, { recursive: true })
  const results: BundleResult[] = []
  for (const name of names) {
    const file = `${BUNDLE_DIR}/${name}.mjs`
    await build({ ...bundleOptions(name), outfile: file })
    results.push({ name, file, bytes: (await stat(file)).size })
  }
  await rm(MIGRATIONS_OUT, { recursive: true, force: true })
  await cp(`${ROOT}db/migrations`, MIGRATIONS_OUT, { recursive: true })
  return results
}

/** How one entry is bundled; the tests read its inputs from these options too. */
export function bundleOptions(name: BundleName): BuildOptions {
  return {
    entryPoints: [`${ROOT}${ENTRIES[name]}`],
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
    plugins: [withoutEmbeddedPostgres, englishOnlyZod],
    logLevel: 'warning',
  }
}

export function bundleNames(): BundleName[] {
  return Object.keys(ENTRIES) as BundleName[]
}
