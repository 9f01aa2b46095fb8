import { kubectl, type Alert } from '../alert'
import { readyCondition, SERVICE_LABEL, serviceOf, type Revision } from './knative'
import { nameOf, namespaceOf } from './object'

/**
 * A Revision that turned Ready=False: Knative gave up on it (an image that does not pull, a
 * container that never answers its probe), so its function keeps serving the previous one,
 * or nothing.
 *
 * @example
 * revisionAlerts(ready(), failed('ProgressDeadlineExceeded'))
 * // [{ kind: 'revision_failed', subject: 'revision/track-shipment-00002', … }]
 */
export function revisionAlerts(previous: Revision | undefined, current: Revision): Alert[] {
  const ready = readyCondition(current)
  if (ready?.status !== 'False' || readyCondition(previous)?.status === 'False') return []
  const name = nameOf(current)
  const namespace = namespaceOf(current)
  const service = serviceOf(current)
  return [
    {
      subject: `revision/${name}`,
      kind: 'revision_failed',
      severity: 'critical',
      summary: `${name} of ${service} failed: ${ready.message ?? ready.reason ?? 'not ready'}`,
      numbers: { service, ...(ready.reason ? { reason: ready.reason } : {}) },
      commands: [
        kubectl(namespace, `describe revision ${name}`),
        kubectl(namespace, `get ksvc ${service}`),
        kubectl(namespace, `get pods -l ${SERVICE_LABEL}=${service}`),
      ],
    },
  ]
}
