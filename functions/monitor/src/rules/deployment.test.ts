import { describe, expect, it } from 'vitest'
import { deployment } from '../testing'
import { deploymentAlerts } from './deployment'

const grace = { graceMs: 60_000 }

describe('deploymentAlerts', () => {
  it('holds an alert for a Deployment short of available replicas', () => {
    const [alert] = deploymentAlerts(deployment('realtime', { replicas: 2, available: 1 }), grace)
    expect(alert).toEqual({
      subject: 'deployment/realtime',
      kind: 'deployment_unavailable',
      severity: 'warning',
      summary: 'realtime has 1 of 2 replicas available',
      numbers: { desiredReplicas: 2, availableReplicas: 1, readyReplicas: 1, updatedReplicas: 2 },
      commands: [
        'kubectl -n dropmate describe deployment realtime',
        'kubectl -n dropmate get pods -l app.kubernetes.io/name=realtime',
        'kubectl -n dropmate logs deployment/realtime --all-containers --tail=100',
      ],
      holdMs: 60_000,
    })
  })

  it('is critical when nothing is left serving', () => {
    const [alert] = deploymentAlerts(
      deployment('broker-dispatcher', { replicas: 2, available: 0 }),
      grace,
    )
    expect(alert?.severity).toBe('critical')
  })

  it('says nothing of a Deployment at strength, or scaled to zero on purpose', () => {
    expect(deploymentAlerts(deployment('realtime', { replicas: 2, available: 2 }), grace)).toEqual(
      [],
    )
    expect(deploymentAlerts(deployment('realtime', { replicas: 0, available: 0 }), grace)).toEqual(
      [],
    )
  })

  it("leaves Knative's Deployments to their PodAutoscalers", () => {
    const knative = deployment(
      'track-shipment-00001-deployment',
      { replicas: 3, available: 1 },
      { 'serving.knative.dev/service': 'track-shipment' },
    )
    expect(deploymentAlerts(knative, grace)).toEqual([])
  })
})
