import { describe, expect, it } from 'vitest'
import { clusterResolver, localResolver, resolveDestination } from './resolve-subscriber'
import type { KReference } from './trigger'

const realtime: KReference = {
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  name: 'realtime',
}
const cluster = clusterResolver('default')

describe('resolveDestination', () => {
  it('uses an absolute uri as it is', () => {
    expect(resolveDestination({ uri: 'https://hooks.example.com/dropmate' }, cluster)).toBe(
      'https://hooks.example.com/dropmate',
    )
  })

  it('refuses a uri without a ref unless it is an absolute http(s) URL', () => {
    expect(() => resolveDestination({ uri: '/events' }, cluster)).toThrow(/absolute/)
    expect(() => resolveDestination({ uri: 'mailto:ops@example.com' }, cluster)).toThrow(/absolute/)
  })

  it('resolves a ref alone to the URL of the referenced service', () => {
    expect(resolveDestination({ ref: realtime }, cluster)).toBe(
      'http://realtime.default.svc.cluster.local/',
    )
  })

  it('resolves a uri against the URL of its ref', () => {
    expect(resolveDestination({ ref: realtime, uri: '/events' }, cluster)).toBe(
      'http://realtime.default.svc.cluster.local/events',
    )
    expect(resolveDestination({ ref: realtime, uri: 'events?v=1' }, cluster)).toBe(
      'http://realtime.default.svc.cluster.local/events?v=1',
    )
  })

  it('refuses an absolute uri next to a ref', () => {
    expect(() => resolveDestination({ ref: realtime, uri: 'http://elsewhere/' }, cluster)).toThrow(
      /relative/,
    )
  })

  it('refuses a destination with neither ref nor uri', () => {
    expect(() => resolveDestination({}, cluster)).toThrow(/ref or a uri/)
  })
})

describe('clusterResolver', () => {
  it('addresses a Knative Service by its cluster-local name in the default namespace', () => {
    expect(cluster(realtime)).toBe('http://realtime.default.svc.cluster.local')
  })

  it('addresses a Kubernetes Service in the namespace of its ref', () => {
    const ref = { apiVersion: 'v1', kind: 'Service', name: 'gateway', namespace: 'edge' }
    expect(cluster(ref)).toBe('http://gateway.edge.svc.cluster.local')
  })

  it('honours a cluster domain other than cluster.local', () => {
    expect(clusterResolver('dropmate', 'k8s.internal')(realtime)).toBe(
      'http://realtime.dropmate.svc.k8s.internal',
    )
  })

  it('refuses kinds it cannot address without the Kubernetes API', () => {
    const broker = { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'default' }
    expect(() => cluster(broker)).toThrow(
      /cannot resolve eventing.knative.dev\/v1 Broker "default"/,
    )
    expect(() => cluster({ ...realtime, apiVersion: 'serving.knative.dev/v1beta1' })).toThrow()
  })
})

describe('localResolver', () => {
  const local = localResolver('http://127.0.0.1:8080')

  it('resolves every service to the one-process server, so the uri path picks the route', () => {
    expect(resolveDestination({ ref: realtime, uri: '/events' }, local)).toBe(
      'http://127.0.0.1:8080/events',
    )
    const gateway = { apiVersion: 'v1', kind: 'Service', name: 'gateway', namespace: 'edge' }
    expect(resolveDestination({ ref: gateway }, local)).toBe('http://127.0.0.1:8080/')
  })

  it('leaves absolute uris alone', () => {
    expect(resolveDestination({ uri: 'http://sink.test/dead' }, local)).toBe(
      'http://sink.test/dead',
    )
  })

  it('refuses the kinds the cluster would refuse, so both runs fail alike', () => {
    const channel = { apiVersion: 'messaging.knative.dev/v1', kind: 'Channel', name: 'c' }
    expect(() => local(channel)).toThrow(/cannot resolve/)
  })

  it('refuses a base URL that is not absolute', () => {
    expect(() => localResolver('localhost:8080')).toThrow(/absolute/)
    expect(() => localResolver('/api')).toThrow(/absolute/)
  })
})
