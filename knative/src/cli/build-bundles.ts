import { relative } from 'node:path'
import { buildBundles } from '../bundles'
import { ROOT } from '../sources'

// npm run build:bundles: every deployable process as one ESM file, what the images run and
// the cold-start bench spawns: dist/bundles/<process>.mjs, dist/functions/<function>.mjs.
for (const { file, bytes } of await buildBundles()) {
  console.log(`${relative(ROOT, file).padEnd(48)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`)
}
