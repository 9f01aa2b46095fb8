import type { AlertKind } from '@dropmate/contracts/alert-event'
import { kubectl, type Alert } from '../alert'
import {
  MAX_SCALE_ANNOTATION,
  REVISION_LABEL,
  SERVICE_LABEL,
  serviceOf,
  type PodAutoscaler,
  type Revision,
} from './knative'
import { nameOf, namespaceOf } from './object'

export interface ScaleRuleOptions {
  /** A pod count crossing a multiple of this is news (ALERT_SCALE_STEP). */
  scaleStep: number
  /** The function's max-scale (maxScaleOf), when it has one. */
  maxScale: number | undefined
}

/**
 * What a PodAutoscaler's change says about its function: it scaled from or to zero, its
 * ready pods crossed a multiple of the scale step, or the autoscaler now asks for as many
 * pods as max-scale allows (so more load queues in the activator instead).
 *
 * @example
 * podAutoscalerAlerts(paWithActual(1), paWithActual(4), { scaleStep: 3, maxScale: 10 })
 * // [{ kind: 'scaled_up', subject: 'service/track-shipment', … }]
 */
export function podAutoscalerAlerts(
  previous: PodAutoscaler | undefined,
  current: PodAutoscaler,
  { scaleStep, maxScale }: ScaleRuleOptions,
): Alert[] {
  const before = podCount(previous?.status?.actualScale)
  const actual = podCount(current.status?.actualScale)
  const desired = podCount(current.status?.desiredScale)
  const service = serviceOf(current)
  const numbers = {
    desiredScale: desired ?? 'unknown',
    actualScale: actual ?? 'unknown',
    ...(maxScale === undefined ? {} : { maxScale }),
  }
  const about = (kind: AlertKind, summary: string, extra: Alert['numbers'] = {}): Alert => ({
    subject: `service/${service}`,
    kind,
    severity: kind === 'max_scale_reached' ? 'warning' : 'info',
    summary,
    numbers: { ...numbers, ...extra },
    commands: commandsFor(current),
  })

  const alerts: Alert[] = []
  const change = scaleChange(service, before, actual, scaleStep)
  if (change) alerts.push(about(change.kind, change.summary, { previousActualScale: change.from }))
  const wasAtMax = reaches(podCount(previous?.status?.desiredScale), maxScale)
  if (maxScale !== undefined && reaches(desired, maxScale) && !wasAtMax) {
    const summary = `${service} reached its max-scale of ${pods(maxScale)}: more requests now queue`
    alerts.push(about('max_scale_reached', summary))
  }
  return alerts
}

/**
 * The function's max-scale: the PodAutoscaler carries its Revision's annotations, and the
 * Revision is asked when it does not. Unset or 0 means no limit (Knative's default).
 */
export function maxScaleOf(
  autoscaler: PodAutoscaler,
  revision: Revision | undefined,
): number | undefined {
  const annotation =
    autoscaler.metadata?.annotations?.[MAX_SCALE_ANNOTATION] ??
    revision?.metadata?.annotations?.[MAX_SCALE_ANNOTATION]
  const value = Number(annotation)
  return annotation !== undefined && Number.isInteger(value) && value > 0 ? value : undefined
}

function scaleChange(
  service: string,
  before: number | undefined,
  after: number | undefined,
  step: number,
): { kind: AlertKind; summary: string; from: number } | undefined {
  if (before === undefined || after === undefined || before === after) return undefined
  if (before === 0) {
    return {
      kind: 'scaled_from_zero',
      summary: `${service} scaled from zero to ${pods(after)}`,
      from: 0,
    }
  }
  if (after === 0) {
    return {
      kind: 'scaled_to_zero',
      summary: `${service} scaled to zero from ${pods(before)}`,
      from: before,
    }
  }
  if (Math.floor(after / step) === Math.floor(before / step)) return undefined
  const direction = after > before ? 'up' : 'down'
  return {
    kind: `scaled_${direction}`,
    summary: `${service} scaled ${direction} from ${before} to ${pods(after)}`,
    from: before,
  }
}

function commandsFor(autoscaler: PodAutoscaler): string[] {
  const namespace = namespaceOf(autoscaler)
  const revision = autoscaler.metadata?.labels?.[REVISION_LABEL] ?? nameOf(autoscaler)
  return [
    kubectl(namespace, `get podautoscaler ${nameOf(autoscaler)}`),
    kubectl(namespace, `get pods -l ${SERVICE_LABEL}=${serviceOf(autoscaler)}`),
    kubectl(namespace, `describe revision ${revision}`),
  ]
}

function reaches(scale: number | undefined, maxScale: number | undefined): boolean {
  return scale !== undefined && maxScale !== undefined && scale >= maxScale
}

/** Knative reports -1 (or nothing) while it does not know the scale yet. */
function podCount(scale: number | undefined): number | undefined {
  return scale !== undefined && scale >= 0 ? scale : undefined
}

function pods(count: number): string {
  return count === 1 ? '1 pod' : `${count} pods`
}
