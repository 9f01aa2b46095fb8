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

/**
 * CommonJS packages whose index loads every part at start although DropMate imports a few.
 * In bundles each index is an ES module of the parts DropMate imports (one it does not list
 * fails the build); the rest is never read:
 * - prom-client: no Pushgateway (http, https) or cluster aggregator, and the default
 *   collectors (perf_hooks, v8, @opentelemetry/api) load when started, at the first scrape;
 * - rate-limiter-flexible: the Redis and memory limiters, not the two dozen other stores
 *   (cluster, MongoDB, MySQL, DynamoDB…).
 */
const TRIMMED_INDEXES: Record<string, string> = {
  'prom-client': `
    export { default as Registry } from 'prom-client/lib/registry.js'
    export { default as Counter } from 'prom-client/lib/counter.js'
    export { default as Gauge } from 'prom-client/lib/gauge.js'
    export { default as Histogram } from 'prom-client/lib/histogram.js'
    export const collectDefaultMetrics = (config) =>
      require('prom-client/lib/defaultMetrics.js')(config)`,
  'rate-limiter-flexible': `
    export { default as RateLimiterMemory } from 'rate-limiter-flexible/lib/RateLimiterMemory.js'
    export { default as RateLimiterRedis } from 'rate-limiter-flexible/lib/RateLimiterRedis.js'
    export { default as RateLimiterRes } from 'rate-limiter-flexible/lib/RateLimiterRes.js'`,
}

export const trimmedIndexes: Plugin = {
  name: 'trimmed-indexes',
  setup(builder) {
    const names = Object.keys(TRIMMED_INDEXES).join('|')
    builder.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({
      path: args.path,
      namespace: 'trimmed-index',
    }))
    builder.onLoad({ filter: /.*/, namespace: 'trimmed-index' }, (args) => ({
      contents: TRIMMED_INDEXES[args.path],
      resolveDir: ROOT,
      loader: 'js',
    }))
  },
}
