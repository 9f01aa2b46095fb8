import type { V1Deployment } from '@kubernetes/client-node'
import { kubectl, type Alert } from '../alert'
import { SERVICE_LABEL } from './knative'
import { nameOf, namespaceOf } from './object'

/**
 * A Deployment with fewer available replicas than it asks for, held for `graceMs`: a pod's
 * restart or a slow rollout is short, an outage is not. Its state alone decides, so every
 * change re-states it and the hold ends when it recovers.
 *
 * Knative's own Deployments (one per Revision) are left to their PodAutoscalers: they are
 * short of pods on every scale-up, for as long as a cold start takes.
 *
 * @example
 * deploymentAlerts(withAvailable(2, 0), { graceMs: 60_000 })
 * // [{ kind: 'deployment_unavailable', severity: 'critical', holdMs: 60_000, … }]
 */
export function deploymentAlerts(current: V1Deployment, { graceMs }: { graceMs: number }): Alert[] {
  if (current.metadata?.labels?.[SERVICE_LABEL]) return []
  // Replicas unset means one (the API's default).
  const desired = current.spec?.replicas ?? 1
  const available = current.status?.availableReplicas ?? 0
  if (available >= desired) return []
  const name = nameOf(current)
  const namespace = namespaceOf(current)
  const selector = Object.entries(current.spec?.selector.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',')
  return [
    {
      subject: `deployment/${name}`,
      kind: 'deployment_unavailable',
      severity: available === 0 ? 'critical' : 'warning',
      summary: `${name} has ${available} of ${desired} replicas available`,
      numbers: {
        desiredReplicas: desired,
        availableReplicas: available,
        readyReplicas: current.status?.readyReplicas ?? 0,
        updatedReplicas: current.status?.updatedReplicas ?? 0,
      },
      commands: [
        kubectl(namespace, `describe deployment ${name}`),
        kubectl(namespace, `get pods -l ${selector}`),
        kubectl(namespace, `logs deployment/${name} --all-containers --tail=100`),
      ],
      holdMs: graceMs,
    },
  ]
}
