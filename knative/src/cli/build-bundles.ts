import { relative } from 'node:path'
import { buildBundles, functionBundles } from '../bundles'
import { warmCompileCache } from '../compile-cache'
import { ROOT } from '../sources'

// npm run build:bundles: what the images ship, in dist/: every deployable process as one ESM
// file (bundles/<process>.mjs, functions/<function>.mjs), the migrations, and the functions'
// compile cache.
for (const { file, bytes } of await buildBundles()) {
  console.log(`${relative(ROOT, file).padEnd(48)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`)
}
const functions = (await functionBundles()).map((bundle) => bundle.name)
await warmCompileCache(functions)
console.log(`dist/compile-cache: ${functions.length} functions`)
