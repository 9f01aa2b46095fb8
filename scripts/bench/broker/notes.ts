import type { BrokerDetails } from './run'

/**
 * The lines under the table that say how the broker rows were measured, or why they are
 * missing. Numbers the table has no column for (the backlog, the dispatcher's retries) go here.
 */
export function brokerNotes(broker: BrokerDetails | { skipped: string }): string {
  if ('skipped' in broker) return `Broker rows skipped: ${broker.skipped}.`
  const counts = Object.values(broker.dispatcher)
  const retried = counts.reduce((sum, stats) => sum + stats.retried, 0)
  const deadLettered = counts.reduce((sum, stats) => sum + stats.deadLettered, 0)
  return [
    'Broker rows: × base is against one client appending one event per XADD, one call in',
    'flight; p50/p99 are per call for XADD and ingress to subscriber end to end.',
    `Ingress loaded by ${broker.connections} connections for ${broker.warmupSeconds} s warm-up + ` +
      `${broker.durationSeconds} s measured; dispatcher concurrency ${broker.dispatcherConcurrency}; ` +
      `fixed rate sent evenly for ${broker.latencySeconds} s.`,
    `The max-rate window left ${broker.backlogAtEnd} events in Redis, delivered ` +
      `${(broker.drainMs / 1000).toFixed(1)} s later; the dispatcher retried ${retried} and ` +
      `dead-lettered ${deadLettered}.`,
  ].join('\n')
}
