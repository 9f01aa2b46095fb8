import type { Destination, KReference } from './trigger'

/** Turns a ref into the base URL of the object it names. */
export type RefResolver = (ref: KReference) => string

/**
 * The URL a Knative Destination stands for (knative/pkg resolver URIFromDestinationV1):
 *
 * - `uri` alone must be absolute, with scheme and host;
 * - `ref` alone is the URL of the referenced object;
 * - both: `uri` must be relative and is resolved against the ref's URL as RFC 3986 does
 *   (Go's URL.ResolveReference): `/events` on `http://realtime.default.svc.cluster.local`
 *   gives `http://realtime.default.svc.cluster.local/events`.
 */
export function resolveDestination(dest: Destination, resolveRef: RefResolver): string {
  if (dest.ref) {
    const base = new URL(resolveRef(dest.ref))
    if (dest.uri === undefined) return base.href
    if (isAbsolute(dest.uri)) {
      throw new Error(`uri ${dest.uri} must be relative when a ref is given`)
    }
    return new URL(dest.uri, base).href
  }
  if (dest.uri === undefined) throw new Error('a destination needs a ref or a uri')
  if (!isAbsoluteHttp(dest.uri)) {
    throw new Error(`uri ${JSON.stringify(dest.uri)} must be an absolute http(s) URL without a ref`)
  }
  return new URL(dest.uri).href
}

/**
 * In the cluster: Knative Services and Kubernetes Services by their cluster-local DNS name,
 * which is what Knative puts in a Service's status.address.url and how it special-cases
 * `v1 Service`. Other kinds (Brokers, Channels…) would need the Kubernetes API: refused.
 */
export function clusterResolver(
  namespaceDefault: string,
  clusterDomain = 'cluster.local',
): RefResolver {
  return (ref) => {
    assertService(ref)
    return `http://${ref.name}.${ref.namespace ?? namespaceDefault}.svc.${clusterDomain}`
  }
}

/**
 * In the one-process server every function is mounted on one origin, so every ref resolves
 * to `baseUrl` and the Trigger's `uri` path picks the route. Kinds are checked as in the
 * cluster, so a Trigger that cannot be delivered there fails locally too.
 */
export function localResolver(baseUrl: string): RefResolver {
  if (!isAbsoluteHttp(baseUrl))
    throw new Error(`base URL ${baseUrl} must be an absolute http(s) URL`)
  return (ref) => {
    assertService(ref)
    return baseUrl
  }
}

const SERVICES = new Set(['serving.knative.dev/v1 Service', 'v1 Service'])

function assertService(ref: KReference): void {
  if (!SERVICES.has(`${ref.apiVersion} ${ref.kind}`)) {
    throw new Error(
      `cannot resolve ${ref.apiVersion} ${ref.kind} "${ref.name}": ` +
        'only serving.knative.dev/v1 and v1 Services are addressable here',
    )
  }
}

export function isAbsolute(uri: string): boolean {
  return URL.canParse(uri)
}

export function isAbsoluteHttp(uri: string): boolean {
  if (!URL.canParse(uri)) return false
  const url = new URL(uri)
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== ''
}
