import { describe, expect, it } from 'vitest'
import type { Manifest } from '../src/manifests'
import { HTTP_PORT } from '../src/names'
import { build, isKnativeService, OVERLAYS, ofKind, workloads } from './support'

describe.each(OVERLAYS)('every pod of the %s overlay', (overlay) => {
  it('runs every container as a non-root user, without privileges, on a read-only root', async () => {
    for (const { pod, label } of workloads(await build(overlay))) {
      for (const container of pod.containers) {
        const context = { ...pod.securityContext, ...container.securityContext }
        const where = `${label}, container ${container.name}`
        expect(context.runAsNonRoot, where).toBe(true)
        expect(context.runAsUser, where).toBeGreaterThan(0)
        expect(container.securityContext.allowPrivilegeEscalation, where).toBe(false)
        expect(container.securityContext.readOnlyRootFilesystem, where).toBe(true)
        expect(container.securityContext.capabilities?.drop, where).toEqual(['ALL'])
        expect(context.seccompProfile?.type, where).toBe('RuntimeDefault')
      }
    }
  })

  it('leaves service links out of the environment and sets requests and limits', async () => {
    for (const { pod, label } of workloads(await build(overlay))) {
      expect(pod.enableServiceLinks, label).toBe(false)
      for (const container of pod.containers) {
        expect(container.resources?.requests?.memory, label).toBeDefined()
        expect(container.resources?.limits?.memory, label).toBeDefined()
      }
    }
  })

  it('probes the port the process serves', async () => {
    for (const { object, pod, label } of workloads(await build(overlay))) {
      for (const container of pod.containers) {
        const probes = [container.startupProbe, container.readinessProbe, container.livenessProbe]
        const ports = (container.ports ?? []) as Array<{ name?: string; containerPort: number }>
        for (const probe of probes.filter(Boolean)) {
          const action = probe.httpGet ?? probe.tcpSocket
          if (!action) continue // exec probes run inside the container
          const port =
            typeof action.port === 'number'
              ? action.port
              : ports.find((p) => p.name === action.port)?.containerPort
          expect(
            ports.map((p) => p.containerPort),
            `${label}: probe port`,
          ).toContain(port)
        }
        if (isKnativeService(object)) {
          // Knative passes the container port as PORT; DropMate listens on PORT.
          expect(
            ports.map((p) => p.containerPort),
            label,
          ).toEqual([HTTP_PORT])
          expect(container.readinessProbe.httpGet.path, label).toBe('/health')
        } else if (container.image.startsWith('dropmate-') && ports.length > 0) {
          const env = container.env.find((e: { name: string }) => e.name === 'PORT')
          expect(Number(env?.value), `${label}: PORT`).toBe(ports[0]!.containerPort)
        }
      }
    }
  })

  it('scales every function to zero unless its definition says why not, within bounds', async () => {
    for (const service of (await build(overlay)).map((l) => l.object).filter(isKnativeService)) {
      const annotations = service.spec.template.metadata.annotations
      const spec = service.spec.template.spec
      expect(annotations['autoscaling.knative.dev/min-scale']).toBe('0')
      expect(Number(annotations['autoscaling.knative.dev/max-scale'])).toBeGreaterThan(0)
      expect(Number(annotations['autoscaling.knative.dev/target'])).toBeGreaterThan(0)
      // What the KPA counts; cpu or memory would need the HPA class, which never scales to zero.
      const metric = annotations['autoscaling.knative.dev/metric'] ?? 'concurrency'
      expect(['concurrency', 'rps']).toContain(metric)
      // A concurrency target above the hard limit is cut to it: the annotation would mislead.
      if (metric === 'concurrency') {
        expect(spec.containerConcurrency).toBeGreaterThanOrEqual(
          Number(annotations['autoscaling.knative.dev/target']),
        )
      }
      expect(spec.timeoutSeconds).toBeLessThanOrEqual(300)
    }
  })

  it('scales ping ingest on pings a second: its pods are bound by their CPU', async () => {
    const ingest = (await build(overlay))
      .map((l) => l.object)
      .filter(isKnativeService)
      .find((service) => service.metadata.name === 'ingest-locations')
    const annotations = ingest!.spec.template.metadata.annotations
    expect(annotations['autoscaling.knative.dev/metric']).toBe('rps')
  })

  it('keeps a Deployment up through voluntary disruptions with a PodDisruptionBudget', async () => {
    const loaded = await build(overlay)
    const budgets = ofKind(loaded, 'PodDisruptionBudget')
    for (const deployment of ofKind(loaded, 'Deployment')) {
      const labels = deployment.spec.template.metadata.labels
      expect(matchesLabels(deployment.spec.selector.matchLabels, labels)).toBe(true)
      const budget = budgets.find((b) => matchesLabels(b.spec.selector.matchLabels, labels))
      const where = `PodDisruptionBudget for ${deployment.metadata.name}`
      // A lone replica (the scaling monitor) can keep nothing up: a budget would only stop
      // nodes from draining.
      if (deployment.spec.replicas === 1) {
        expect(budget, where).toBeUndefined()
        continue
      }
      expect(budget, where).toBeDefined()
      expect(budget!.spec.minAvailable).toBeLessThan(deployment.spec.replicas)
    }
  })

  it('labels every object with its part and deploy phase (deploy.sh applies by component)', async () => {
    for (const { object, file } of await build(overlay)) {
      const labels = object.metadata.labels ?? {}
      const where = `${file}: ${object.kind} ${object.metadata.name}`
      expect(labels['app.kubernetes.io/part-of'], where).toBe('dropmate')
      expect(labels['app.kubernetes.io/component'], where).toBeDefined()
    }
  })
})

function matchesLabels(selector: Manifest, labels: Manifest) {
  return Object.entries(selector).every(([key, value]) => labels[key] === value)
}
