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
  help: 'Events the broker delivered to this gateway, by kind (location, shipment)',
  labelNames: ['kind'] as const,
  registers: [metrics],
})

/** Counts a gateway's sockets in /metrics until the returned function is called. */
export function reportSockets(served: Record<string, Namespace>): () => void {
  const entries = Object.entries(served).map(([name, namespace]) => ({ name, namespace }))
  for (const entry of entries) namespaces.add(entry)
  return () => entries.forEach((entry) => namespaces.delete(entry))
}
