import { readdirSync } from 'node:fs'
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
    // Integration tests start embedded PGlite, whose first start compiles WASM (seconds).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
