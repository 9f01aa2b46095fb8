import { WATCHED_RESOURCES } from '@dropmate/monitor'
import { describe, expect, it } from 'vitest'
import type { Manifest } from '../src/manifests'
import { NAMESPACE } from '../src/names'
import { build, isKnativeService, OVERLAYS, ofKind, workloads } from './support'

const MONITOR = 'scaling-monitor'

describe.each(OVERLAYS)('the scaling monitor in the %s overlay', (overlay) => {
  it('may read only what its code watches, in its own namespace', async () => {
    const loaded = await build(overlay)
    const [role] = ofKind(loaded, 'Role').filter((r) => r.metadata.name === MONITOR)
    expect(role?.metadata.namespace).toBe(NAMESPACE)
    const granted = role!.rules.flatMap((rule: Record<string, string[]>) =>
      rule.apiGroups!.flatMap((group) =>
        rule.resources!.map((resource) => ({ group, resource, verbs: rule.verbs })),
      ),
    )
    expect(granted).toEqual(
      WATCHED_RESOURCES.map(({ group, plural }) => ({
        group,
        resource: plural,
        verbs: ['get', 'list', 'watch'],
      })),
    )
    expect(ofKind(loaded, 'ClusterRole')).toEqual([])
    expect(ofKind(loaded, 'ClusterRoleBinding')).toEqual([])
  })

  it('holds the only service account token of any DropMate pod, bound to that Role', async () => {
    const loaded = await build(overlay)
    const withToken = workloads(loaded).filter(
      ({ object, pod }) => !isKnativeService(object) && pod.automountServiceAccountToken !== false,
    )
    expect(withToken.map(({ label }) => label)).toEqual([`Deployment ${MONITOR}`])
    const pod = withToken[0]!.pod
    const [binding] = ofKind(loaded, 'RoleBinding').filter((b) => b.metadata.name === MONITOR)
    expect(binding!.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: MONITOR,
    })
    expect(binding!.subjects).toEqual([{ kind: 'ServiceAccount', name: pod.serviceAccountName }])
    expect(ofKind(loaded, 'ServiceAccount').map((account) => account.metadata.name)).toContain(
      pod.serviceAccountName,
    )
  })

  it('runs alone, so no alert is sent twice, and publishes to the broker ingress', async () => {
    const loaded = await build(overlay)
    const [deployment] = ofKind(loaded, 'Deployment').filter((d) => d.metadata.name === MONITOR)
    expect(deployment!.spec.replicas).toBe(1)
    expect(deployment!.spec.strategy.type).toBe('Recreate')
    const env = deployment!.spec.template.spec.containers[0].env as Manifest[]
    const brokerUrl = new URL(env.find((variable) => variable.name === 'BROKER_URL')!.value)
    const ingress = ofKind(loaded, 'Service', 'serving.knative.dev/v1').find(
      (service) => brokerUrl.hostname === `${service.metadata.name}.${NAMESPACE}.svc.cluster.local`,
    )
    expect(ingress?.metadata.name).toBe('broker-ingress')
    expect(ingress!.metadata.labels['networking.knative.dev/visibility']).toBe('cluster-local')
    expect(brokerUrl.pathname).toBe('/broker/events')
  })
})
