import type { RealtimeDetails } from './details'

/**
 * The lines under the table that say how the socket rows were measured and what the table
 * has no column for: the share of positions that arrived, the pings' own answers and which
 * processes were busy.
 */
export function realtimeNotes(details: RealtimeDetails): string {
  const { connected, pings } = details
  const refused = Object.entries(connected.refused).map(([code, n]) => `${code}×${n}`)
  const dropped = Object.values(details.disconnects).reduce((sum, n) => sum + n, 0)
  const cores = Object.entries(details.cores).map(([name, used]) => `${name} ${used}`)
  const { before, after } = details.load
  return [
    `Socket rows: ${connected.dispatchers} dispatcher sockets on / (all signed in as the seeded ` +
      `dispatcher ${details.dispatcherAccount}) and ${connected.tracking} /track sockets, one ` +
      `per parcel in transit${refused.length ? `; refused ${refused.join(', ')}` : ''}.`,
    `${details.drivers} drivers ping in turn, ${details.pingsPerSecond} pings/s sent evenly to ` +
      `${details.pingsTo} for ${details.warmupSeconds} s warm-up + ${details.seconds} s measured; ` +
      'latency from a ping leaving to its position on a socket (in a fleet_positions frame on ' +
      'dispatcher sockets, a driver_location on tracking sockets), or to a newer position of ' +
      'its driver on that socket when one overtook it (latest wins); per s counts copies to ' +
      'all sockets of the row.',
    `Delivered: dispatcher sockets ${share(details.dispatcher)}, tracking sockets ` +
      `${share(details.tracking)}; ${details.dispatcher.extra + details.tracking.extra} extra ` +
      `copies; ${dropped} sockets dropped.`,
    `Dispatcher p50 by measured second: ${details.dispatcherP50BySecond.join(', ')} ms. ` +
      `Pings answered p50 ${ms(pings.answerP50Ms)}, p99 ${ms(pings.answerP99Ms)}.`,
    cores.length
      ? `Cores busy while pinging (of ${after.cores}; 1-min load ${before.loadAverage1m} → ` +
        `${after.loadAverage1m}): ${cores.join(', ')}.`
      : `No per-process CPU figures here (no /proc); load ${before.loadAverage1m} → ${after.loadAverage1m}.`,
  ].join('\n')
}

function share({ expected, delivered }: { expected: number; delivered: number }): string {
  const percent = expected > 0 ? ((delivered / expected) * 100).toFixed(2) : '—'
  return `${delivered} of ${expected} copies (${percent}%)`
}

function ms(value: number): string {
  return Number.isNaN(value) ? '—' : `${value.toFixed(1)} ms`
}
