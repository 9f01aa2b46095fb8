import type { TimelineEvent, TrackingView } from '@dropmate/contracts/rest'

const timeOf = (iso: string) => iso.slice(11, 19)

/** The public tracking page's data, as a person reads it. */
export function formatTrackingView(view: TrackingView): string[] {
  const { destination: to } = view
  const journey = view.timeline.map((entry) => `${entry.status} ${timeOf(entry.at)}`)
  return [
    `Public tracking view of ${view.trackingNumber} (no sign-in):`,
    `  status       ${view.status}`,
    `  destination  ${to.area ?? '(no area)'} (${to.lat}, ${to.lng})`,
    `  driver       ${view.driver?.firstName ?? '(none)'}`,
    `  delivered    ${view.deliveredAt ?? '(not yet)'}`,
    `  journey      ${journey.join(' → ')}`,
  ]
}

/** The staff timeline, an event a line: `10:02:11  status_changed  picked_up → in_transit`. */
export function formatTimeline(events: readonly TimelineEvent[]): string[] {
  const width = Math.max(0, ...events.map((event) => event.type.length))
  return [
    `Timeline (${events.length} events, as the dispatcher sees it):`,
    ...events.map((event) => {
      const move = `${event.fromStatus ?? '·'} → ${event.toStatus ?? '·'}`.padEnd(24)
      const note = event.note ? `  "${event.note}"` : ''
      const who = `by ${event.actorRole ?? 'unknown'}`
      return `  ${timeOf(event.occurredAt)}  ${event.type.padEnd(width)}  ${move}${who}${note}`
    }),
  ]
}

export interface Summary {
  baseUrl: string
  trackingNumber: string
  reference: string | null
  driverName: string
  events: number
  elapsedMs: number
}

export function formatSummary(summary: Summary): string {
  return (
    `PASS shipment flow on ${summary.baseUrl}: ${summary.trackingNumber} ` +
    `(${summary.reference}) delivered by ${summary.driverName}, public view redacted, ` +
    `${summary.events} timeline events in order, ${(summary.elapsedMs / 1000).toFixed(1)} s`
  )
}
