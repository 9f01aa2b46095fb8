import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** A page of the app: the module its route imports lazily, and its initial-JS budget. */
export interface PageBudget {
  page: string
  /** The modules a visit loads on the way to the page, relative to the web workspace. */
  modules: string[]
  /** Gzipped KB (1 KB = 1024 bytes) of JS loaded before the page first renders; none: report only. */
  maxKb?: number
}

interface Chunk {
  fileName: string
  code: string
  imports: string[]
  dynamicImports: string[]
  isEntry: boolean
  facadeModuleId: string | null
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6)

/**
 * Prints each page's initial JS (the entry and the page's chunk with everything they import
 * statically, gzipped) and what it loads later (its lazy chunks), and fails the build when a
 * page is over its budget. Gzip level 6, what servers and CDNs use by default.
 */
export function bundleBudget(budgets: PageBudget[]): Plugin {
  return {
    name: 'dropmate:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Chunk>()
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk') chunks.set(output.fileName, output as unknown as Chunk)
      }
      const gzipped = new Map(
        [...chunks.values()].map((c) => [c.fileName, gzipSync(c.code, { level: 6 }).length]),
      )
      const reach = (starts: string[], follow: (c: Chunk) => string[]) => {
        const seen = new Set<string>()
        const visit = (file: string) => {
          if (seen.has(file)) return
          seen.add(file)
          for (const next of follow(chunks.get(file)!)) visit(next)
        }
        starts.forEach(visit)
        return seen
      }
      const size = (files: Iterable<string>) =>
        [...files].reduce((sum, file) => sum + gzipped.get(file)!, 0)

      const entry = [...chunks.values()].find((c) => c.isEntry)
      if (!entry) return this.error('bundle budget: no entry chunk')
      const lines = ['', 'initial JS per page (gzipped KB)   initial    later   budget']
      const over: string[] = []
      for (const { page, modules, maxKb } of budgets) {
        const path = modules.map((module) => {
          const chunk = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(module))
          if (!chunk) this.error(`bundle budget: no chunk for ${page} (${module})`)
          return chunk.fileName
        })
        const initial = reach([entry.fileName, ...path], (c) => c.imports)
        // What the page itself loads lazily (its map), not the other pages the entry could.
        const lazy = chunks.get(path.at(-1)!)!.dynamicImports
        const later = [...reach(lazy, (c) => c.imports)].filter((file) => !initial.has(file))
        const initialBytes = size(initial)
        const budget = maxKb === undefined ? '     -' : kb(maxKb * 1024)
        lines.push(`  ${page.padEnd(31)} ${kb(initialBytes)}   ${kb(size(later))}   ${budget}`)
        if (maxKb !== undefined && initialBytes > maxKb * 1024) {
          over.push(`${page}: ${kb(initialBytes).trim()} KB > ${maxKb} KB`)
        }
      }
      console.log(lines.join('\n') + '\n')
      if (over.length > 0) this.error(`bundle budget exceeded: ${over.join('; ')}`)
    },
  }
}
