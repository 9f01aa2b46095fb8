import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: '@dropmate/db',
    // A first embedded start compiles PGlite's WASM; a few seconds on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
