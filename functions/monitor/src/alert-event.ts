import { alertEvent as alertEnvelope } from '@dropmate/contracts/alert-event'
import { CloudEvent } from 'cloudevents'
import type { Notice } from './alert'

/** The `source` of every alert event (DESIGN.md §4: the emitting part of DropMate). */
export const ALERT_SOURCE = '/dropmate/scaling-monitor'

/**
 * A notice as a `com.dropmate.alert.v1` CloudEvent: subject as kubectl names it, data what
 * happened and its numbers, so a consumer can act without reading the email.
 *
 * @example
 * alertEvent(notice).subject // 'service/track-shipment'
 */
export function alertEvent({ alert, followUp, occurrences, periodMs }: Notice) {
  const data = {
    kind: alert.kind,
    severity: alert.severity,
    summary: alert.summary,
    numbers: alert.numbers,
    followUp,
    occurrences,
    periodSeconds: Math.round(periodMs / 1_000),
  }
  return new CloudEvent({
    ...alertEnvelope(ALERT_SOURCE, alert.subject, data),
    datacontenttype: 'application/json',
  })
}
