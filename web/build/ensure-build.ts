import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB = fileURLToPath(new URL('..', import.meta.url))
const ROOT = join(WEB, '..')
const BUILT = join(WEB, 'dist', 'index.html')
// What the bundle is made of: the app, its build setup, and the shared browser-safe code.
const INPUTS = [
  'web/src',
  'web/public',
  'web/build',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'functions/core/src',
  'functions/contracts/src',
  'package-lock.json',
].map((path) => join(ROOT, path))
const LOCK = join(
  tmpdir(),
  `dropmate-web-build-${createHash('sha1').update(WEB).digest('hex').slice(0, 12)}`,
)
// A lock older than this belongs to a build that died.
const STALE_LOCK_MS = 5 * 60_000

/**
 * Builds web/dist when it is missing or older than its sources, so `npm start` on a fresh
 * clone serves the app and later starts stay fast. Concurrent callers (test files starting
 * servers in parallel) take turns; the later ones find the build fresh.
 */
export async function ensureWebBuild(log: (line: string) => void = console.log) {
  await takeLock()
  try {
    const built = await mtime(BUILT)
    if (built !== undefined && built >= (await newest(INPUTS))) return 'fresh'
    log(built === undefined ? 'building the web app (first start)…' : 'rebuilding the web app…')
    await viteBuild(log)
    return 'built'
  } finally {
    await rm(LOCK, { recursive: true, force: true })
  }
}

/**
 * `vite build` in a child process: a production build whatever NODE_ENV the caller runs
 * under (Vitest sets it to test, which would bundle Preact's debug build).
 */
async function viteBuild(log: (line: string) => void) {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
  const child = spawn(process.execPath, [vite, 'build'], {
    cwd: WEB,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`web build failed:\n${output}`)
  const sizes = output.indexOf('initial JS per page')
  if (sizes >= 0) log(output.slice(sizes).split('\n\n')[0]!)
}

async function takeLock() {
  for (;;) {
    try {
      await mkdir(LOCK)
      return
    } catch {
      const since = await mtime(LOCK)
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) {
        await rm(LOCK, { recursive: true, force: true })
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

async function mtime(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.mtimeMs,
    () => undefined,
  )
}

async function newest(paths: string[]): Promise<number> {
  let latest = 0
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) continue
    latest = Math.max(latest, info.mtimeMs)
    if (!info.isDirectory()) continue
    const entries = await readdir(path, { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      if (entry.isFile())
        latest = Math.max(latest, (await stat(join(entry.parentPath, entry.name))).mtimeMs)
    }
  }
  return latest
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureWebBuild().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
