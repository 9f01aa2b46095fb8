/**
 * The server's CPU time per lookup, off and on: what watching costs in the server itself,
 * which a machine shared with other work blurs far less than the rates (NaN without /proc).
 */
export interface ObservabilityDetails {
  cpuMicrosecondsPerRequest: { off: number; on: number }
}

/** The line under the table that says what the rates of the pair cannot on a busy machine. */
export function observabilityNotes({ cpuMicrosecondsPerRequest: cpu }: ObservabilityDetails) {
  if (Number.isNaN(cpu.off) || Number.isNaN(cpu.on))
    return 'Observability: no CPU figures (no /proc).'
  const more = cpu.on - cpu.off
  const share = cpu.off > 0 ? ` (${Math.round((more / cpu.off) * 100)}%)` : ''
  return (
    `Observability: the tracking function used ${cpu.off} µs of CPU per lookup with logs, ` +
    `metrics and traces off, ${cpu.on} µs with them on: ${more} µs more${share}.`
  )
}
