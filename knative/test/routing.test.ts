import { loadTriggers } from '@dropmate/broker/triggers'
import { SOCKET_PATH } from '@dropmate/contracts/sockets'
import { WEB_APP_PATHS } from '@dropmate/contracts/web-app-paths'
import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { DEPLOYMENTS } from '../src/deployments'
import { FUNCTION_BUNDLES, GATEWAY, KOURIER_INTERNAL, NAMESPACE } from '../src/names'
import { matches, samplePath, type PathMatch } from '../src/path-match'
import { ROOT } from '../src/sources'
import { build, isKnativeService, OVERLAYS, ofKind, workloads } from './support'

describe.each(OVERLAYS)('the %s overlay', (overlay) => {
  it('runs every function as its own Knative Service, running its own bundle', async () => {
    const services = (await build(overlay)).map(({ object }) => object).filter(isKnativeService)
    for (const deployment of DEPLOYMENTS) {
      const service = services.find((object) => object.metadata.name === deployment.name)
      expect(service, `Knative Service ${deployment.name}`).toBeDefined()
      const [container] = service!.spec.template.spec.containers
      expect(container.args).toEqual([`${FUNCTION_BUNDLES}/${deployment.name}.mjs`])
    }
  })

  it('has a subscriber for every Trigger, serving the Trigger path', async () => {
    const loaded = await build(overlay)
    const triggers = await loadTriggers(`${ROOT}knative/triggers`)
    expect(triggers.length).toBeGreaterThan(0)
    for (const trigger of triggers) {
      for (const destination of [trigger.subscriber, trigger.delivery?.deadLetterSink]) {
        if (!destination?.ref) continue
        const { ref } = destination
        const target = loaded.find(
          ({ object }) =>
            object.apiVersion === ref.apiVersion &&
            object.kind === ref.kind &&
            object.metadata.name === ref.name,
        )
        expect(target, `${trigger.name}: ${ref.kind} ${ref.name}`).toBeDefined()
        if (ref.kind === 'Service' && ref.apiVersion === 'v1') {
          // The dispatcher posts to http://<name>.<namespace>.svc.cluster.local: port 80.
          expect(target!.object.spec.ports.map((port: { port: number }) => port.port)).toContain(80)
          const backends = workloads(loaded).filter(({ object }) =>
            Object.entries(target!.object.spec.selector).every(
              ([key, value]) => object.spec.template.metadata.labels[key] === value,
            ),
          )
          expect(backends.length, `pods behind Service ${ref.name}`).toBe(1)
        }
      }
    }
  })

  it('mounts every Trigger file into the dispatcher at its TRIGGERS_DIR', async () => {
    const loaded = await build(overlay)
    const files = (await readdir(`${ROOT}knative/triggers`)).filter(
      (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml',
    )
    const configMap = ofKind(loaded, 'ConfigMap').find(
      (object) => object.metadata.name === 'dropmate-triggers',
    )
    expect(Object.keys(configMap!.data).sort()).toEqual(files.sort())
    const dispatcher = ofKind(loaded, 'Deployment').find(
      (object) => object.metadata.name === 'broker-dispatcher',
    )!.spec.template.spec
    const container = dispatcher.containers[0]
    const dir = container.env.find((env: { name: string }) => env.name === 'TRIGGERS_DIR').value
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === dir)
    const volume = dispatcher.volumes.find((v: { name: string }) => v.name === mount.name)
    expect(volume.configMap.name).toBe('dropmate-triggers')
  })
})

describe('the routes on the API host', () => {
  interface Rule {
    route: string
    match: { path: PathMatch; method?: string }
  }

  async function rules(): Promise<Rule[]> {
    return ofKind(await build('doks'), 'HTTPRoute').flatMap((route) =>
      route.spec.parentRefs.some((ref: { sectionName: string }) => ref.sectionName === 'https')
        ? route.spec.rules.flatMap((rule: { matches: Rule['match'][] }) =>
            rule.matches.map((match) => ({ route: route.metadata.name, match })),
          )
        : [],
    )
  }

  function routesFor(all: Rule[], method: string, path: string) {
    return all
      .filter(
        ({ match }) => (!match.method || match.method === method) && matches(match.path, path),
      )
      .map(({ route }) => route)
  }

  it('send every request of a public function to that function, and to no other', async () => {
    const all = await rules()
    for (const deployment of DEPLOYMENTS.filter((d) => d.exposure === 'public')) {
      for (const route of deployment.routes) {
        const path = samplePath(route)
        expect(routesFor(all, route.method.toUpperCase(), path), `${route.method} ${path}`).toEqual(
          [deployment.name],
        )
        // CORS preflights reach a function (any: they all answer alike).
        expect(routesFor(all, 'OPTIONS', path).length, `OPTIONS ${path}`).toBeGreaterThan(0)
      }
    }
  })

  it('keep cluster-local functions off the API host', async () => {
    const all = await rules()
    for (const deployment of DEPLOYMENTS.filter((d) => d.exposure === 'cluster-local')) {
      for (const route of deployment.routes) {
        expect(routesFor(all, route.method.toUpperCase(), samplePath(route))).toEqual([])
      }
    }
  })

  it('reach each function through Kourier by its cluster-local name', async () => {
    for (const route of ofKind(await build('doks'), 'HTTPRoute')) {
      const [rule] = route.spec.rules
      if (['realtime', 'web-app', 'https-redirect'].includes(route.metadata.name)) continue
      expect(route.spec.parentRefs).toEqual([{ name: GATEWAY.name, sectionName: GATEWAY.listener }])
      expect(rule.backendRefs).toEqual([KOURIER_INTERNAL])
      expect(rule.filters[0].urlRewrite.hostname).toBe(
        `${route.metadata.name}.${NAMESPACE}.svc.cluster.local`,
      )
    }
    const grant = ofKind(await build('cluster'), 'ReferenceGrant')[0]!
    expect(grant.metadata.namespace).toBe(KOURIER_INTERNAL.namespace)
    expect(grant.spec.from).toContainEqual(
      expect.objectContaining({ kind: 'HTTPRoute', namespace: NAMESPACE }),
    )
    expect(grant.spec.to).toContainEqual(expect.objectContaining({ name: KOURIER_INTERNAL.name }))
  })

  it('send Socket.io, WebSockets included, to the realtime gateway Deployment', async () => {
    const all = await rules()
    expect(routesFor(all, 'GET', `${SOCKET_PATH}/?EIO=4&transport=websocket`)).toEqual(['realtime'])
    const loaded = await build('doks')
    const route = ofKind(loaded, 'HTTPRoute').find((r) => r.metadata.name === 'realtime')!
    const [backend] = route.spec.rules[0].backendRefs
    const service = ofKind(loaded, 'Service', 'v1').find((s) => s.metadata.name === backend.name)!
    expect(service.spec.ports.map((port: { port: number }) => port.port)).toContain(backend.port)
    expect(ofKind(loaded, 'Deployment').map((d) => d.metadata.name)).toContain(backend.name)
  })

  it('send every page and file of the web app to the realtime gateway, and no API path', async () => {
    const all = await rules()
    const pages = [
      ...WEB_APP_PATHS.exact,
      ...WEB_APP_PATHS.prefixes.flatMap((prefix) => [prefix, `${prefix}/DM-7Q4K2`]),
      '/track/DM-7Q4K2?utm_source=email',
      '/assets/index-DdaLLVw8.js',
    ]
    for (const page of pages) expect(routesFor(all, 'GET', page), page).toEqual(['web-app'])
    for (const deployment of DEPLOYMENTS) {
      for (const route of deployment.routes) {
        const path = samplePath(route)
        expect(routesFor(all, route.method.toUpperCase(), path), path).not.toContain('web-app')
      }
    }
    expect(routesFor(all, 'GET', `${SOCKET_PATH}/?EIO=4`)).not.toContain('web-app')
    const loaded = await build('doks')
    const route = ofKind(loaded, 'HTTPRoute').find((r) => r.metadata.name === 'web-app')!
    const [backend] = route.spec.rules[0].backendRefs
    expect(backend).toEqual({ name: 'realtime', port: 80 })
    const realtime = ofKind(loaded, 'Deployment').find((d) => d.metadata.name === 'realtime')!
    const env = realtime.spec.template.spec.containers[0].env
    // The image keeps the built app there; without it the gateway would serve a "not built" page.
    expect(env).toContainEqual({ name: 'WEB_DIST_DIR', value: '/app/web' })
  })

  it('serve HTTPS with a Let’s Encrypt certificate and answer the HTTP-01 challenge on port 80', async () => {
    const [gateway] = ofKind(await build('doks'), 'Gateway')
    expect(gateway!.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt')
    const [issuer] = ofKind(await build('cluster'), 'ClusterIssuer')
    expect(issuer!.metadata.name).toBe('letsencrypt')
    const solver = issuer!.spec.acme.solvers[0].http01.gatewayHTTPRoute.parentRefs[0]
    const http = gateway!.spec.listeners.find(
      (l: { name: string }) => l.name === solver.sectionName,
    )
    expect(http.port).toBe(80)
    expect(solver.name).toBe(gateway!.metadata.name)
  })
})
