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

export type Cue = 'ping' | 'change' | 'delivery'

/** Moments a fault can be timed to, so that it finds work in flight. */
export interface FaultCues {
  /**
   * Resolves just after the load is next told a ping or a change was done, or just as the
   * broker's next delivery of an event of the load's shipments reaches the suite's
   * subscriber (whose answer is still on its way); or after a while regardless.
   */
  next(kind: Cue): Promise<void>
}

// How long a fault waits for its cue before striking anyway: longer than a courier's drive,
// during which the load changes no shipment.
const CUE_WAIT_MS = 15_000

export function faultCues(
  record: LoadRecord,
  arrived: Array<{ subject: string | undefined }>,
): FaultCues {
  const ours = () => {
    const ids = new Set(record.creates.map((c) => c.id))
    return arrived.filter((event) => event.subject !== undefined && ids.has(event.subject)).length
  }
  const counters = {
    ping: () => record.pings.length,
    change: () => record.changes.length,
    delivery: ours,
  }
  return {
    async next(kind) {
      const count = counters[kind]
      const seen = count()
      const deadline = Date.now() + CUE_WAIT_MS
      while (count() === seen && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    },
  }
}
