import type { FunctionDeployment, HttpRoute } from '@dropmate/runtime'
import { GATEWAY, KOURIER_INTERNAL, NAMESPACE, PART_OF } from './names'
import { pathMatch } from './path-match'

/**
 * The Gateway API route that sends a public function's paths, by method, from the API host
 * to its Knative Service: through Kourier's cluster-local gateway with the Host rewritten to
 * the Service's cluster-local name. `preflight` adds the CORS `OPTIONS` of paths this
 * function is the first to serve (every function answers preflights alike).
 */
export function httpRoute(deployment: FunctionDeployment, preflight: readonly HttpRoute[]) {
  const { name } = deployment
  const matches = [
    ...deployment.routes.map((route) => ({
      path: pathMatch(route.path),
      method: route.method.toUpperCase(),
    })),
    ...preflight.map((route) => ({ path: pathMatch(route.path), method: 'OPTIONS' })),
  ]
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/name': name,
        'app.kubernetes.io/component': 'function',
        ...PART_OF,
      },
    },
    spec: {
      parentRefs: [{ name: GATEWAY.name, sectionName: GATEWAY.listener }],
      rules: [
        {
          matches,
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { hostname: `${name}.${NAMESPACE}.svc.cluster.local` },
            },
          ],
          backendRefs: [
            {
              name: KOURIER_INTERNAL.name,
              namespace: KOURIER_INTERNAL.namespace,
              port: KOURIER_INTERNAL.port,
            },
          ],
        },
      ],
    },
  }
}

/**
 * Which function answers the CORS preflight of each public path: the first (by name) that
 * serves it, so that no two routes claim the same `OPTIONS` request.
 */
export function preflightOwners(deployments: readonly FunctionDeployment[]) {
  const owner = new Map<string, HttpRoute[]>()
  const seen = new Set<string>()
  for (const deployment of deployments) {
    if (deployment.exposure !== 'public') continue
    const mine: HttpRoute[] = []
    for (const route of deployment.routes) {
      if (seen.has(route.path)) continue
      seen.add(route.path)
      mine.push({ method: 'options', path: route.path })
    }
    owner.set(deployment.name, mine)
  }
  return owner
}
