import { z } from 'zod'
import type { EventEnvelope } from './envelope'
import { EVENT_TYPES } from './event-types'

export const SEVERITIES = ['info', 'warning', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export const ALERT_KINDS = [
  'scaled_from_zero',
  'scaled_to_zero',
  'scaled_up',
  'scaled_down',
  'max_scale_reached',
  'revision_failed',
  'crash_loop',
  'oom_killed',
  'container_restarted',
  'deployment_unavailable',
] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/**
 * `data` of com.dropmate.alert.v1: what happened and its numbers, so a consumer can act
 * without reading the email.
 */
export const AlertData = z.object({
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(SEVERITIES),
  summary: z.string().min(1),
  /** The figures behind it, named as in the object's status: actualScale, restartCount, … */
  numbers: z.record(z.string(), z.union([z.number(), z.string()])),
  followUp: z.boolean(),
  occurrences: z.number().int().min(1),
  /** The span the occurrences were counted over. */
  periodSeconds: z.number().int().min(0),
})
export type AlertData = z.infer<typeof AlertData>

/**
 * An alert about `subject`, as kubectl names it (`service/track-shipment`).
 *
 * @example
 * new CloudEvent({ ...alertEvent('/dropmate/scaling-monitor', 'pod/realtime-1', data) })
 */
export function alertEvent(
  source: string,
  subject: string,
  data: AlertData,
): EventEnvelope<AlertData> {
  return { type: EVENT_TYPES.alert, source, subject, data }
}
