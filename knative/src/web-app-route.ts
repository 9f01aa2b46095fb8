import { WEB_APP_PATHS } from '@dropmate/contracts/web-app-paths'
import { GATEWAY, PART_OF } from './names'

/** The Deployment that serves the web app beside Socket.io (knative/README.md says why). */
export const WEB_APP_BACKEND = { name: 'realtime', port: 80 } as const

// The Gateway API's limit: a rule holds at most 8 matches (and a route 16 rules).
const MATCHES_PER_RULE = 8

/**
 * The Gateway API route that sends the web app's pages and files from the API host to the
 * realtime gateway's Service, which serves them from memory. Only the app's own paths: every
 * other path stays the API's, whatever order an implementation ranks matches in.
 */
export function webAppRoute() {
  const matches = [
    ...WEB_APP_PATHS.exact.map((value) => ({ path: { type: 'Exact', value } })),
    ...WEB_APP_PATHS.prefixes.map((value) => ({ path: { type: 'PathPrefix', value } })),
  ]
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'web-app',
      labels: {
        'app.kubernetes.io/name': 'web-app',
        'app.kubernetes.io/component': 'routing',
        ...PART_OF,
      },
    },
    spec: {
      parentRefs: [{ name: GATEWAY.name, sectionName: GATEWAY.listener }],
      rules: chunks(matches, MATCHES_PER_RULE).map((some) => ({
        matches: some,
        backendRefs: [WEB_APP_BACKEND],
      })),
    },
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  )
}
