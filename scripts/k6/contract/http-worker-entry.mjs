// The http worker's entry point. Node 20 ignores `--import tsx` in a worker's execArgv, so the
// worker registers tsx itself before it loads the TypeScript it runs.
import { register } from 'tsx/esm/api'

register()
await import('./http-worker.ts')
