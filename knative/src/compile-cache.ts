import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { DIST, functionFile } from './bundles'

/**
 * Node's compile cache (V8 code cache on disk) for the function bundles, made when they are
 * built and shipped in the image, so no cold start compiles its bundle: the root filesystem
 * may be read-only, and a cache written to /tmp would help only the second start of a pod.
 * Portable: its entries name the bundles relative to the cache, so the cache made in dist/
 * serves /app in the image, laid out alike.
 */
export function compileCacheEnv(outDir = DIST) {
  return { NODE_COMPILE_CACHE: `${outDir}/compile-cache`, NODE_COMPILE_CACHE_PORTABLE: '1' }
}

// Enough for a bundle to start and answer; nothing is ever reached at these addresses (pools
// and Redis connect on first use), and a real value never leaves a build machine's logs.
const WARM_UP_ENV = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  DATABASE_URL: 'postgres://compile-cache@127.0.0.1:9/none',
  REDIS_URL: 'redis://127.0.0.1:9',
  JWT_SECRET: 'compile-cache-only-compile-cache-only',
  BROKER_TOKEN: 'compile-cache-only-compile-cache-only',
}

/**
 * Writes the compile cache of the functions `names` in `outDir`: each bundle starts with
 * plain node, as its Knative Service starts it, answers one /health (so a bundle that cannot
 * start fails the build) and stops with SIGTERM, and Node writes the code cache of what it
 * compiled as it exits. What is compiled later, lazily, is not in it, whatever the process
 * did before exiting (measured: the same 413 KiB for track-shipment after no request, after
 * /health, and after a tracking lookup).
 */
export async function warmCompileCache(names: readonly string[], outDir = DIST): Promise<void> {
  const env = compileCacheEnv(outDir)
  await rm(env.NODE_COMPILE_CACHE, { recursive: true, force: true })
  for (const name of names) {
    const child = spawn(process.execPath, [functionFile(name, outDir)], {
      env: { PATH: process.env.PATH, ...WARM_UP_ENV, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = once(child, 'exit')
    const port = await listeningPort(child.stdout)
    if (port === undefined) throw new Error(`${name} exited before listening`)
    const health = await fetch(`http://127.0.0.1:${port}/health`)
    child.kill('SIGTERM')
    const [code] = await exited
    if (health.status !== 200 || code !== 0) {
      throw new Error(`${name}: /health answered ${health.status}, exit code ${code}`)
    }
  }
}

/** The port a bundle logs it listens on; the rest of its output is read and dropped. */
function listeningPort(stdout: NodeJS.ReadableStream): Promise<number | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stdout })
    lines.on('line', (line) => {
      const { msg, port } = JSON.parse(line) as { msg?: string; port?: number }
      if (msg === 'listening') resolve(port)
    })
    lines.on('close', () => resolve(undefined))
  })
}
