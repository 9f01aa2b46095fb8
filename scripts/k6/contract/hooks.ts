import { existsSync } from 'node:fs'
import type { ResolveHook } from 'node:module'

/**
 * Module resolution for a contract run: `k6` and `k6/<name>` become the shims in ./k6, and a
 * k6 module without a shim fails the import, naming it.
 */

const SHIMS = new URL('./k6/', import.meta.url)

export const resolve: ResolveHook = (specifier, context, next) => {
  if (specifier !== 'k6' && !specifier.startsWith('k6/')) return next(specifier, context)
  const shim = new URL(`${specifier === 'k6' ? 'index' : specifier.slice('k6/'.length)}.ts`, SHIMS)
  if (!existsSync(shim)) throw new Error(`the contract shim has no ${specifier} module`)
  // Resolved on down the chain, so tsx knows the shim for TypeScript it compiles.
  return next(shim.href, context)
}
