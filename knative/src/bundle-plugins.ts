import type { Plugin } from 'esbuild'
import { dirname, join, relative } from 'node:path'
import { ROOT } from './sources'

/**
 * Dynamic imports of `separate` modules (repository path → file) stay imports, of their own
 * files in `separateDir`, written relative to `outfile`.
 */
export function separateModules(
  outfile: string,
  separate: Readonly<Record<string, string>>,
  separateDir: string,
): Plugin {
  return {
    name: 'separate-modules',
    setup(builder) {
      builder.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined
        const file = separate[relative(ROOT, join(args.resolveDir, `${args.path}.ts`))]
        if (!file) return undefined
        const path = relative(dirname(outfile), `${separateDir}/${file}`)
        return { path: path.startsWith('.') ? path : `./${path}`, external: true }
      })
    },
  }
}

/**
 * In the cluster DATABASE_URL is always set, so the embedded PGlite (WASM, megabytes, files
 * beside its module) stays out of the bundles; without DATABASE_URL a bundle says so.
 */
export const withoutEmbeddedPostgres: Plugin = {
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
export const englishOnlyZod: Plugin = {
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
