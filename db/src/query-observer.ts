import type { Sql } from './client'

/**
 * Told when a query starts, with a short summary of it (never its parameter values); returns
 * what to call when it ends, with the error if it failed, or nothing to leave it untold.
 */
export type QueryObserver = (query: QuerySummary) => ((error?: unknown) => void) | undefined

export interface QuerySummary {
  /** The first keyword, upper-cased: `SELECT`, `INSERT`, `WITH`. */
  operation: string
  /** The table the statement is about, when one is named: `shipments`. */
  collection?: string
  /** What OpenTelemetry calls `db.query.summary`: `SELECT shipments`. */
  summary: string
}

interface PendingQuery {
  strings: TemplateStringsArray | string
  executed: boolean
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  handle(): Promise<void>
}

let observer: QueryObserver | undefined
const wrapped = new WeakSet<object>()

/**
 * Has `observe` told of every query of every postgres.js client in this process, the embedded
 * PGlite behind pglite-socket included (same client). postgres.js has no hook of its own: its
 * queries are lazy promises that run on their first `then`, through one `handle` method of
 * their shared prototype, which is wrapped here once. Installed only when traces are exported;
 * otherwise the client is untouched. `undefined` stops telling.
 *
 * @example
 * observeQueries(sql, (query) => startQuerySpan(query))
 */
export function observeQueries(sql: Sql, observe: QueryObserver | undefined): void {
  observer = observe
  // A query is not sent until awaited, so this only reaches its prototype.
  const prototype = Object.getPrototypeOf(sql`select 1`) as PendingQuery
  if (wrapped.has(prototype)) return
  wrapped.add(prototype)
  const handle = prototype.handle
  prototype.handle = function (this: PendingQuery) {
    if (!this.executed && observer) {
      const end = observer(summarize(this.strings))
      if (end) {
        const { resolve, reject } = this
        this.resolve = (value) => (end(), resolve(value))
        this.reject = (error) => (end(error), reject(error))
      }
    }
    return handle.call(this)
  }
}

const KEYWORD = /^\s*(\w+)/
// The table a statement reads or writes: the first one named after these words.
const TARGET =
  /\b(?:from|into|update|join|table)\s+(?:only\s+|if\s+(?:not\s+)?exists\s+)?"?([a-z_][\w.]*)"?/i

/** `select … from shipments where …` → SELECT shipments. Never the values. */
export function summarize(strings: TemplateStringsArray | string): QuerySummary {
  const text = typeof strings === 'string' ? strings : strings.join('?')
  const operation = (KEYWORD.exec(text)?.[1] ?? 'QUERY').toUpperCase()
  const collection = TARGET.exec(text)?.[1]
  return { operation, collection, summary: collection ? `${operation} ${collection}` : operation }
}
