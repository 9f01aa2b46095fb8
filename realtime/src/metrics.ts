import { Counter, Gauge, metrics } from '@dropmate/runtime'
import type { Namespace } from 'socket.io'

// The gateways of this process (one, except in tests), by namespace, read at scrape time.
const namespaces = new Set<{ name: string; namespace: Namespace }>()

new Gauge({
  name: 'dropmate_realtime_connected_sockets',
  help: 'Socket.io clients connected to this gateway, by namespace (/ dashboards, /track pages)',
  labelNames: ['namespace'] as const,
  registers: [metrics],
  collect() {
    this.reset()
    for (const { name, namespace } of namespaces)
      this.inc({ namespace: name }, namespace.sockets.size)
  },
})

export const eventsCarried = new Counter({
  name: 'dropmate_realtime_events_total',
  help: 'Events the broker delivered to this gateway, by kind (shipment, duty)',
  labelNames: ['kind'] as const,
  registers: [metrics],
})

export const positionsRead = new Counter({
  name: 'dropmate_realtime_positions_read_total',
  help: 'Entries this gateway read from the positions feed: read, or unreadable (skipped)',
  labelNames: ['outcome'] as const,
  registers: [metrics],
})

// Divided by the sockets of each kind, its rate is the bytes per second each socket takes.
export const positionBytes = new Counter({
  name: 'dropmate_realtime_position_bytes_total',
  help:
    'JSON bytes of positions sent, summed over the sockets they reached, by kind of socket ' +
    '(staff: fleet frames; subscriber; tracking)',
  labelNames: ['socket'] as const,
  registers: [metrics],
})

/** Counts a gateway's sockets in /metrics until the returned function is called. */
export function reportSockets(served: Record<string, Namespace>): () => void {
  const entries = Object.entries(served).map(([name, namespace]) => ({ name, namespace }))
  for (const entry of entries) namespaces.add(entry)
  return () => entries.forEach((entry) => namespaces.delete(entry))
}
