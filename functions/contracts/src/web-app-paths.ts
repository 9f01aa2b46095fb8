/**
 * Where the web app answers: its pages and its files. In a cluster the Gateway sends exactly
 * these paths to the web app's host (knative/base/web-app-route.yaml) and every other path to
 * the API, so a page of the app's router (web/src/routes.ts) must sit under one of them.
 * None may overlap the API (`/api`), Socket.io, the gateway's ingress or health.
 */
export const WEB_APP_PATHS = {
  /** Whole paths: the home page (the dispatcher's dashboard), and files at the root. */
  exact: ['/', '/index.html', '/config.json', '/favicon.svg', '/manifest.webmanifest', '/sw.js'],
  /** Path prefixes, matched on whole segments: `/track` is `/track` and `/track/…`. */
  prefixes: [
    '/assets',
    '/icons',
    '/track',
    '/login',
    '/driver',
    '/import',
    '/analytics',
    '/shipments',
    '/admin/users',
    '/settings/webhooks',
  ],
} as const

/**
 * Whether `path` is the web app's, as the Gateway would match it.
 *
 * @example
 * isWebAppPath('/track/DM-7Q4K2') // true
 * isWebAppPath('/api/shipments/track/DM-7Q4K2') // false
 */
export function isWebAppPath(path: string): boolean {
  return (
    (WEB_APP_PATHS.exact as readonly string[]).includes(path) ||
    WEB_APP_PATHS.prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
  )
}
