import { exportsTraces, loadConfig } from '@dropmate/core'
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { loadKustomization, type Loaded, type Manifest } from '../src/manifests'
import { FUNCTION_IMAGE } from '../src/names'
import { ROOT } from '../src/sources'
import { build, hasKubectl, ofKind, workloads } from './support'

const named = (loaded: Loaded[], kind: string, name: string) =>
  ofKind(loaded, kind).find((object) => object.metadata.name === name)!

/** config.ts's reading of the shared ConfigMap, with the keys its Secret holds stood in. */
const configOf = (loaded: Loaded[]) =>
  loadConfig({
    ...named(loaded, 'ConfigMap', 'dropmate-config').data,
    OBJECT_STORAGE_ACCESS_KEY_ID: 'from-dropmate-secrets',
    OBJECT_STORAGE_SECRET_ACCESS_KEY: 'from-dropmate-secrets',
  })

let traced: Loaded[]
let dir: string

// An overlay as the tracing component's comment says to write one: doks, plus the component.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dropmate-traced-'))
  const from = (path: string) => relative(dir, `${ROOT}knative/${path}`)
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [from('overlays/doks')],
    components: [from('monitoring/tracing')],
  }
  await writeFile(join(dir, 'kustomization.yaml'), JSON.stringify(kustomization))
  traced = await loadKustomization(dir)
})

afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the OpenTelemetry Collector example', () => {
  it('receives OTLP/HTTP on the port its Service exposes and batches traces to an exporter', async () => {
    const monitoring = await build('monitoring')
    const settings = named(monitoring, 'ConfigMap', 'otel-collector')
    const config = parse(settings.data['config.yaml'] as string) as Manifest
    const receiving = /:(\d+)$/.exec(config.receivers.otlp.protocols.http.endpoint)![1]
    const container = named(monitoring, 'Deployment', 'otel-collector').spec.template.spec
      .containers[0] as Manifest
    const port = container.ports.find((p: Manifest) => p.name === 'otlp-http')
    expect(port.containerPort).toBe(Number(receiving))
    const service = named(monitoring, 'Service', 'otel-collector')
    expect(service.spec.ports).toContainEqual(
      expect.objectContaining({ port: 4318, targetPort: 'otlp-http' }),
    )
    const pipeline = config.service.pipelines.traces
    expect(pipeline.receivers).toEqual(['otlp'])
    expect(pipeline.processors).toContain('batch')
    for (const exporter of pipeline.exporters) expect(config.exporters).toHaveProperty(exporter)
    // The probes ask the health_check extension the pipeline turns on.
    expect(config.service.extensions).toContain('health_check')
    expect(container.args).toEqual(['--config=/etc/otelcol/config.yaml'])
  })

  it('runs as the DropMate workloads do: non-root, read-only, with limits', async () => {
    for (const { pod, label } of workloads(await build('monitoring'))) {
      for (const container of pod.containers as Manifest[]) {
        expect(container.securityContext.runAsNonRoot, label).toBe(true)
        expect(container.securityContext.readOnlyRootFilesystem, label).toBe(true)
        expect(container.securityContext.capabilities.drop, label).toEqual(['ALL'])
        expect(container.resources.limits.memory, label).toBeDefined()
      }
      expect(pod.enableServiceLinks, label).toBe(false)
    }
  })
})

describe('the tracing component', () => {
  it('points every DropMate process at the collector Service, by its in-cluster name', async () => {
    const config = configOf(traced)
    expect(exportsTraces(config)).toBe(true)
    const monitoring = await build('monitoring')
    const service = named(monitoring, 'Service', 'otel-collector')
    const { namespace, name } = service.metadata
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      `http://${name}.${namespace}.svc.cluster.local:${service.spec.ports[0].port}`,
    )
    const processes = workloads(traced).flatMap(({ pod, label }) =>
      (pod.containers as Manifest[])
        .filter(({ image }) => image === FUNCTION_IMAGE || /^dropmate-/.test(image))
        .map((container) => ({ container, label })),
    )
    expect(processes.length).toBeGreaterThan(10)
    for (const { container, label } of processes) {
      const sources = (container.envFrom as Manifest[]).map((from) => from.configMapRef?.name)
      expect(sources, label).toContain('dropmate-config')
    }
  })

  it('changes nothing else: the overlay without it exports no traces', async () => {
    expect(exportsTraces(configOf(await build('doks')))).toBe(false)
    const strip = (loaded: Loaded[]) => {
      const { data, ...rest } = named(loaded, 'ConfigMap', 'dropmate-config')
      const kept = Object.entries(data as Record<string, string>).filter(
        ([key]) => !key.startsWith('OTEL_'),
      )
      return { ...rest, data: Object.fromEntries(kept) }
    }
    expect(strip(traced)).toEqual(strip(await build('doks')))
    expect(traced.length).toBe((await build('doks')).length)
  })
})

describe.skipIf(!hasKubectl)('kubectl kustomize of an overlay with the tracing component', () => {
  it('renders the shared ConfigMap with the collector as the OTLP endpoint', () => {
    const rendered = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' })
    const objects = parseAllDocuments(rendered).map((document) => document.toJS() as Manifest)
    const config = objects.find(
      (object) => object.kind === 'ConfigMap' && object.metadata.name === 'dropmate-config',
    )
    expect(config?.data.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      named(traced, 'ConfigMap', 'dropmate-config').data.OTEL_EXPORTER_OTLP_ENDPOINT,
    )
    expect(objects.length).toBe(traced.length)
  })
})
