import type { HttpRoute } from '@dropmate/runtime'

/** A Gateway API path match: exact for fixed paths, a regular expression for templates. */
export interface PathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression'
  value: string
}

const PARAM = /\{[^/{}]+\}/g
const HAS_PARAM = /\{[^/{}]+\}/

/**
 * The Gateway API match for an OpenAPI path. A `{param}` stands for one path segment, so
 * `/api/shipments/{id}` never matches `/api/shipments/track/ABC`; Envoy (Cilium's data
 * plane) matches a regular expression against the whole path.
 *
 * @example
 * pathMatch('/api/shipments/{id}/events') // { type: 'RegularExpression', value: '/api/shipments/[^/]+/events' }
 */
export function pathMatch(path: string): PathMatch {
  if (!HAS_PARAM.test(path)) return { type: 'Exact', value: path }
  const value = path
    .split(PARAM)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return { type: 'RegularExpression', value }
}

/** Whether a request path is matched, as the Gateway would match it. */
export function matches(match: PathMatch, request: string): boolean {
  const path = request.split('?')[0]!
  if (match.type === 'Exact') return match.value === path
  // A prefix matches whole path elements: /socket.io matches /socket.io/ but not /socket.iox.
  if (match.type === 'PathPrefix') return path === match.value || path.startsWith(`${match.value}/`)
  return new RegExp(`^(?:${match.value})$`).test(path)
}

/** A concrete path for a route, its parameters filled in. */
export function samplePath(route: HttpRoute): string {
  return route.path.replace(PARAM, 'x7')
}
