import { SEVERITIES, type AlertKind, type Severity } from '@dropmate/contracts/alert-event'

/** Something in the cluster an operator should hear about, as the detection rules see it. */
export interface Alert {
  /** What it is about, as kubectl names it: `service/track-shipment`, `pod/realtime-7c9f-x2`. */
  subject: string
  kind: AlertKind
  severity: Severity
  /** What happened, in one line. */
  summary: string
  /** The figures behind it, named as in the object's status: actualScale, restartCount, … */
  numbers: Record<string, number | string>
  /** Where to look closer. */
  commands: string[]
  /**
   * Raise it only if the object still calls for it this long after it first did: a rollout
   * leaves a Deployment short for a moment, which is no outage.
   */
  holdMs?: number
}

/**
 * An alert as it goes out: the first of its kind for its subject at once (`followUp`
 * false, one occurrence), or the repeats of a window folded into one.
 */
export interface Notice {
  /** The latest occurrence: its numbers are the freshest. */
  alert: Alert
  followUp: boolean
  occurrences: number
  /** The span the occurrences were counted over. */
  periodMs: number
}

/** Orders severities for thresholds: `rank('critical') > rank('info')`. */
export function rank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** A kubectl command line for one namespace, as operators paste it. */
export function kubectl(namespace: string, command: string): string {
  return `kubectl -n ${namespace} ${command}`
}
