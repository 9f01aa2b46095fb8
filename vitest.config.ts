import { readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/** Every workspace with tests; each runs as its own project on the settings below. */
const PACKAGES = [
  'db',
  'knative',
  'realtime',
  'scripts',
  'web',
  ...readdirSync('functions').map((name) => `functions/${name}`),
]

export default defineConfig({
  test: {
    projects: PACKAGES.map((root) => ({ extends: true, test: { name: root, root } })),
    // Expected failures log errors; keep the report readable unless asked otherwise.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    // The suite waits on servers, browsers and databases as much as it computes. On two
    // cores vitest's default (a worker fewer than the cores) ran one file at a time, in 18 to
    // 19 minutes; two workers took 12, with both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Integration tests start embedded PGlite, whose first start compiles WASM (seconds).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page or socket catching up with a change crosses the API, the broker and the gateway:
    // a second (the default) is often not enough on a busy machine, and a pass costs nothing.
    expect: { poll: { timeout: 15_000 } },
  },
})
