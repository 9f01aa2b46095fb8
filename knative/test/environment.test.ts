import { CONFIG_VARIABLES, loadConfig } from '@dropmate/core'
import { FUNCTION_DEFAULTS } from '@dropmate/runtime'
import { loadMonitorConfig, MONITOR_VARIABLES } from '@dropmate/monitor'
import { WEB_VARIABLES } from '@dropmate/web-host/web-config'
import { build as esbuild, type Plugin } from 'esbuild'
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { allBundles, ENTRIES, SEPARATE, type Bundle } from '../src/bundles'
import { functionEnvironment } from '../src/function-environment'
import { readDocuments, type Loaded, type Manifest } from '../src/manifests'
import { FUNCTION_BUNDLES, FUNCTION_IMAGE } from '../src/names'
import { ROOT } from '../src/sources'
import { build, isKnativeService, OVERLAYS, workloads } from './support'

/** The bundle a DropMate container runs: its function's (named in args) or its process's. */
function bundleOf(container: Manifest): string | undefined {
  if (container.image === FUNCTION_IMAGE) {
    const file = container.args?.[0] as string | undefined
    return file?.startsWith(`${FUNCTION_BUNDLES}/`)
      ? file.slice(FUNCTION_BUNDLES.length + 1, -4)
      : undefined
  }
  const name = /^dropmate-(.+)$/.exec(container.image)?.[1]
  return name && name in ENTRIES ? name : undefined
}
/** What Knative sets in every revision's container (runtime contract). */
const KNATIVE_SETS = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION']
/** Read by the code but never to be set in a cluster, with why. */
const NEVER_SET: Record<string, string> = {
  FIREBASE_AUTH_EMULATOR_HOST: 'tests only: firebase-admin skips signature checks with it',
  SENDGRID_API_URL: 'tests only: points the SendGrid client at a local receiver',
  WEB_PUSH_ANY_SERVICE: 'tests only: any push service, their own on loopback among them',
}

const reads = new Map<string, Set<string>>()

/**
 * The variables each process reads: process.env in the sources its bundle holds, config.ts,
 * and the scaling monitor's own config.
 */
beforeAll(async () => {
  const separate = new Set(Object.values(SEPARATE))
  const bundles = (await allBundles()).filter(({ name }) => !separate.has(name))
  for (const [name, sources] of await sourcesRead(bundles)) {
    const found = new Set<string>()
    for (const source of sources) {
      if (source.includes('node_modules') || !source.endsWith('.ts')) continue
      const text = await readFile(`${ROOT}${source}`, 'utf8')
      for (const match of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) found.add(match[1]!)
      if (/\bloadConfig\(process\.env\)/.test(text)) CONFIG_VARIABLES.forEach((v) => found.add(v))
      if (/\bloadWebConfig\(/.test(text)) WEB_VARIABLES.forEach((v) => found.add(v))
      if (/\bloadMonitorConfig\(process\.env\)/.test(text)) {
        MONITOR_VARIABLES.forEach((v) => found.add(v))
      }
    }
    reads.set(name, found)
  }
}, 120_000)

/**
 * The files each bundle's build reads (what it holds, and what it shakes out), from one
 * esbuild run over every entry at once: the modules they share are resolved and read once,
 * not once a bundle. A bundle's files are those its entry reaches in the run's import graph,
 * which the bundles' own plugins resolve as each bundle's build does.
 */
async function sourcesRead(bundles: Bundle[]): Promise<Map<string, Set<string>>> {
  const entryOf = new Map(bundles.map(({ name, options }) => [name, options]))
  const entries: Plugin = {
    name: 'bundle-entries',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, ({ kind, path }) =>
        kind === 'entry-point' && entryOf.has(path) ? { path, namespace: 'bundle' } : undefined,
      )
      builder.onLoad({ filter: /.*/, namespace: 'bundle' }, ({ path }) => {
        const { stdin, entryPoints } = entryOf.get(path)!
        if (stdin) return { contents: stdin.contents, resolveDir: stdin.resolveDir, loader: 'ts' }
        const [file] = entryPoints as string[]
        return { contents: `import './${file}'`, resolveDir: ROOT, loader: 'ts' }
      })
    },
  }
  // Every bundle is built with the same options but its entry and file.
  const { plugins = [], ...shared } = bundles[0]!.options
  const { metafile } = await esbuild({
    ...shared,
    stdin: undefined,
    outfile: undefined,
    entryPoints: [...entryOf.keys()],
    outdir: `${ROOT}dist/environment-test`,
    plugins: [entries, ...plugins],
    write: false,
    metafile: true,
    minify: false,
  })
  const reached = (from: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(from)) return seen
    seen.add(from)
    for (const { path, external } of metafile.inputs[from]?.imports ?? []) {
      if (!external) reached(path, seen)
    }
    return seen
  }
  return new Map([...entryOf.keys()].map((name) => [name, reached(`bundle:${name}`)]))
}

/** Keys and placeholder values of the example of each Secret the manifests use. */
async function secretExamples(): Promise<Record<string, Record<string, string>>> {
  const examples: Record<string, Record<string, string>> = {}
  for (const name of ['dropmate-secrets', 'dropmate-data']) {
    const [secret] = await readDocuments(`${ROOT}knative/secrets/${name}.example.yaml`)
    examples[name] = secret!.stringData
  }
  return examples
}

/** The environment a container gets: its env, its ConfigMaps, its Secrets' example values. */
async function environment(loaded: Loaded[], object: Manifest, container: Manifest) {
  const secrets = await secretExamples()
  const configMap = (name: string) =>
    loaded.find(({ object: o }) => o.kind === 'ConfigMap' && o.metadata.name === name)!.object.data
  const env: Record<string, string> = {}
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configMap(source.configMapRef.name))
    if (source.secretRef) Object.assign(env, secrets[source.secretRef.name])
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom
    env[variable.name] =
      variable.value ??
      (from?.secretKeyRef && secrets[from.secretKeyRef.name]?.[from.secretKeyRef.key]) ??
      (from?.configMapKeyRef && configMap(from.configMapKeyRef.name)[from.configMapKeyRef.key]) ??
      (from?.fieldRef ? 'from-the-downward-api' : undefined)
  }
  if (isKnativeService(object)) {
    for (const name of KNATIVE_SETS) env[name] ??= name === 'PORT' ? '8080' : 'set-by-knative'
  }
  return env
}

async function dropmateContainers(overlay: (typeof OVERLAYS)[number]) {
  const loaded = await build(overlay)
  return workloads(loaded).flatMap(({ object, pod, label }) =>
    (pod.containers as Manifest[]).flatMap((container) => {
      const process = bundleOf(container)
      return process ? [{ loaded, object, container, label, process }] : []
    }),
  )
}

describe.each(OVERLAYS)(
  'the environment of every DropMate container in the %s overlay',
  (overlay) => {
    it('provides every variable its process reads, unless config.ts defaults it', async () => {
      const defaults = { ...loadConfig({}), ...loadMonitorConfig({}) }
      const containers = await dropmateContainers(overlay)
      expect(new Set(containers.map((c) => c.process)).size).toBe(reads.size)
      for (const { loaded, object, container, label, process } of containers) {
        const env = await environment(loaded, object, container)
        const missing = [...reads.get(process)!].filter(
          (name) =>
            env[name] === undefined &&
            !(name in NEVER_SET) &&
            (defaults as Record<string, unknown>)[name] === undefined &&
            !OPTIONAL_OUTSIDE_A_CLUSTER.has(name),
        )
        expect(missing, label).toEqual([])
        for (const name of Object.keys(NEVER_SET))
          expect(env[name], `${label}: ${name}`).toBeUndefined()
      }
    })

    it('passes config.ts and runs against PostgreSQL, Redis and a shared token and key', async () => {
      for (const { loaded, object, container, label, process } of await dropmateContainers(
        overlay,
      )) {
        const env = await environment(loaded, object, container)
        const config = loadConfig(env)
        if (process === 'monitor') {
          expect(
            loadMonitorConfig(env).BROKER_URL,
            `${label}: alerts reach the broker`,
          ).toBeDefined()
        }
        expect(config.DATABASE_URL, `${label}: no embedded database in a cluster`).toBeDefined()
        expect(config.REDIS_URL, `${label}: replicas share Redis`).toBeDefined()
        expect(config.BROKER_TOKEN, `${label}: only the token proves a sender`).toBeDefined()
        if (config.AUTH_MODE === 'local') expect(config.JWT_SECRET, label).toBeDefined()
        expect(config.MIGRATE_ON_START, label).toBe(false)
        expect(config.TRUST_PROXY, label).toBe(true)
        if (overlay === 'doks') {
          // DigitalOcean's pool is PgBouncer in transaction mode, over TLS.
          expect(config.DATABASE_PREPARE, label).toBe(false)
          expect(config.DATABASE_URL, label).toMatch(/:25061\/.*sslmode=require/)
          expect(config.REDIS_URL, label).toMatch(/^rediss:\/\//)
        }
      }
    })

    it('sets no variable that no process reads (a misspelt name would be ignored)', async () => {
      const known = new Set([...[...reads.values()].flatMap((set) => [...set]), ...KNATIVE_SETS])
      for (const { loaded, object, container, label } of await dropmateContainers(overlay)) {
        const unknown = Object.keys(await environment(loaded, object, container)).filter(
          (name) => !known.has(name),
        )
        expect(unknown, label).toEqual([])
      }
    })
  },
)

/**
 * Optional variables that a cluster run leaves unset on purpose. Without SENDGRID_API_KEY
 * customer emails are not sent, only told of in the log: health never depends on email (issue 8).
 * The Firebase ones matter in firebase mode only.
 */
const OPTIONAL_OUTSIDE_A_CLUSTER = new Set([
  'FIREBASE_PROJECT_ID',
  'FIREBASE_API_KEY',
  'SENDGRID_API_KEY',
  // Traces are exported only where a collector runs: knative/monitoring/tracing sets them.
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
])

describe('a function’s settings outside the cluster (the cold-start bench)', () => {
  it('are the shared ConfigMap’s, then its own from its generated Service', async () => {
    const env = await functionEnvironment('track-shipment')
    expect(env).toMatchObject({ LOG_LEVEL: 'info', SHOP_TIME_ZONE: 'Europe/Lisbon' })
    expect(env.DATABASE_POOL_MAX).toBe(FUNCTION_DEFAULTS.env.DATABASE_POOL_MAX)
  })
})
