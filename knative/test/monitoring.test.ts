import '@dropmate/realtime'
import '@dropmate/server/functions'
import { metrics, metricsApp } from '@dropmate/runtime'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../src/sources'
import { build, ofKind, workloads } from './support'

interface Panel {
  title: string
  type: string
  targets?: Array<{ expr: string }>
}

const dashboard = JSON.parse(
  await readFile(`${ROOT}knative/monitoring/grafana-dashboard.json`, 'utf8'),
) as { panels: Panel[] }

/** What a histogram's or counter's name becomes in the text format Prometheus reads. */
const SUFFIXES = /_(bucket|sum|count)$/

describe('the Grafana dashboard', () => {
  it('queries only series DropMate really exports', async () => {
    // Scraped once, as Prometheus scrapes every process: Node's own series join with it.
    const token = 'a-metrics-token-of-at-least-32-characters'
    const headers = { authorization: `Bearer ${token}` }
    expect((await metricsApp({ token }).request('/metrics', { headers })).status).toBe(200)
    const exported = new Set((await metrics.getMetricsAsJSON()).map((metric) => metric.name))
    const queried = dashboard.panels
      .flatMap((panel) => panel.targets ?? [])
      .flatMap((target) => target.expr.match(/\b(?:dropmate|process|nodejs)_\w+/g) ?? [])
    expect(queried.length).toBeGreaterThan(10)
    for (const name of new Set(queried)) {
      const base = exported.has(name) ? name : name.replace(SUFFIXES, '')
      expect(exported, `${name} is queried but never exported`).toContain(base)
    }
  })

  it('shows each series the operations issue asks for', () => {
    const titles = dashboard.panels.map((panel) => panel.title.toLowerCase()).join('\n')
    for (const subject of [
      'requests',
      'errors',
      'latency',
      'lag',
      'dead letters',
      'sockets',
      'pings',
    ]) {
      expect(titles).toContain(subject)
    }
  })
})

describe('the PodMonitor', () => {
  it('scrapes every DropMate workload by a port its pods really name', async () => {
    const [monitor] = ofKind(await build('monitoring'), 'PodMonitor')
    const ports = new Set(
      (monitor!.spec.podMetricsEndpoints as Array<{ port: string }>).map(({ port }) => port),
    )
    for (const { object, pod, label } of workloads(await build('doks'))) {
      if (object.kind === 'Job') continue
      const named = (pod.containers as Array<{ ports?: Array<{ name: string }> }>)[0]!.ports ?? []
      // Knative renames a function's one port to user-port in the pods it makes.
      const podPorts = object.kind === 'Service' ? ['user-port'] : named.map(({ name }) => name)
      expect(
        podPorts.some((port) => ports.has(port)),
        label,
      ).toBe(true)
      expect(object.spec.template.metadata.labels['app.kubernetes.io/part-of'], label).toBe(
        monitor!.spec.selector.matchLabels['app.kubernetes.io/part-of'],
      )
    }
  })
})
