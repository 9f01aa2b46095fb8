/** What a run did, as `stop()` resolves it and the log lines print it. */
export interface Summary {
  drivers: number
  elapsedMs: number
  /** Pings the API accepted (202). */
  pings: number
  /** Requests that carried them, by CloudEvents mode. */
  requests: { binary: number; structured: number; batch: number }
  /** Pings that went in batches, after a dead zone or a retry. */
  batchedPings: number
  deadZones: number
  pickedUp: number
  delivered: number
  failedAttempts: number
  /** Recorded but never accepted: still queued at the end. */
  queued: number
  /** Refused with a 4xx that retrying cannot fix, or over the queue's limit. */
  dropped: number
  /** Failed requests by kind: `503 location_store_unavailable`, `network ECONNREFUSED`. */
  errors: Record<string, number>
}

export type Counter = Exclude<
  keyof Summary,
  'drivers' | 'elapsedMs' | 'requests' | 'queued' | 'errors'
>

/** Counters shared by every driver of a run, and the warn-once log of refusals. */
export class Stats {
  readonly requests = { binary: 0, structured: 0, batch: 0 }
  private readonly counts: Record<Counter, number> = {
    pings: 0,
    batchedPings: 0,
    deadZones: 0,
    pickedUp: 0,
    delivered: 0,
    failedAttempts: 0,
    dropped: 0,
  }
  private readonly errors = new Map<string, number>()
  private readonly warned = new Set<string>()

  constructor(private readonly log: (line: string) => void) {}

  add(counter: Counter, by = 1) {
    this.counts[counter] += by
  }

  /** Counts a failed request; the first of each kind is also logged with `detail`. */
  error(kind: string, detail: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1)
    this.warnOnce(kind, `${detail} (${kind}; further ones are only counted)`)
  }

  /** Logs `message` the first time `kind` comes up, never again. */
  warnOnce(kind: string, message: string) {
    if (this.warned.has(kind)) return
    this.warned.add(kind)
    this.log(`warning: ${message}`)
  }

  summary(drivers: number, elapsedMs: number, queued: number): Summary {
    return {
      drivers,
      elapsedMs,
      ...this.counts,
      requests: { ...this.requests },
      queued,
      errors: Object.fromEntries(this.errors),
    }
  }
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/**
 * One line: `3 drivers, 20 s: 294 pings accepted (258 binary, 11 structured, 25 in 2 batches),
 * 2 dead zones, 1 picked up, 1 delivered, 0 failed attempts, 0 queued; errors: none`.
 */
export function formatSummary(summary: Summary): string {
  const { requests: r } = summary
  const errors = Object.entries(summary.errors)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, count]) => `${kind} ×${count}`)
  return [
    `${plural(summary.drivers, 'driver')}, ${Math.round(summary.elapsedMs / 1000)} s: `,
    `${plural(summary.pings, 'ping')} accepted (${r.binary} binary, ${r.structured} structured, `,
    r.batch
      ? `${summary.batchedPings} in ${plural(r.batch, 'batch', 'batches')}), `
      : 'no batches), ',
    `${plural(summary.deadZones, 'dead zone')}, ${summary.pickedUp} picked up, `,
    `${summary.delivered} delivered, ${plural(summary.failedAttempts, 'failed attempt')}, `,
    `${summary.queued} queued`,
    summary.dropped ? `, ${summary.dropped} dropped` : '',
    `; errors: ${errors.join(', ') || 'none'}`,
  ].join('')
}
