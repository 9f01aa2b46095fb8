/** What the load was told was done: the writes the system must keep. */
export interface LoadRecord {
  /** Names this scenario's pings and emails apart from everyone else's. */
  runId: string
  /** Shipments answered 201, with the receiver email that only their request carried. */
  creates: Array<{ id: string; email: string }>
  /** Assignments and status changes answered 200. */
  changes: Array<{ shipmentId: string; to: string }>
  /** Pings answered 202, by CloudEvent source and id. */
  pings: Array<{ source: string; id: string }>
  /** Shipments whose driver was acknowledged at the door while they were in transit. */
  doorPings: string[]
}

export function newRecord(runId: string): LoadRecord {
  return { runId, creates: [], changes: [], pings: [], doorPings: [] }
}

/** What the load has been told so far, for a fault to strike right after a write. */
export interface LoadProgress {
  /** Resolves just after the next write of that kind is acknowledged (or after a while). */
  nextAcknowledged(kind: 'ping' | 'change'): Promise<void>
}

// How long a fault waits for the write it should follow before striking anyway.
const ACKNOWLEDGED_WAIT_MS = 5_000

export function progressOf(record: LoadRecord): LoadProgress {
  return {
    async nextAcknowledged(kind) {
      const list = kind === 'ping' ? record.pings : record.changes
      const seen = list.length
      const deadline = Date.now() + ACKNOWLEDGED_WAIT_MS
      while (list.length === seen && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    },
  }
}
