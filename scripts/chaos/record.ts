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
