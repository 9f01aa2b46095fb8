import type { ComponentType } from 'preact'

export type Page = ComponentType<{ params: string[] }>

export interface Route {
  pattern: RegExp
  load: () => Promise<{ default: Page }>
}

// Each page is its own chunk: the public tracking page never loads the dashboard. A page must
// sit under a path of WEB_APP_PATHS (@dropmate/contracts/web-app-paths), or a cluster's
// Gateway never sends its address to the app.
export const ROUTES: Route[] = [
  { pattern: /^\/track(?:\/([^/]+))?\/?$/, load: () => import('./pages/track') },
  { pattern: /^\/login\/?$/, load: () => import('./pages/login') },
  { pattern: /^\/driver\/?$/, load: () => import('./pages/driver') },
  { pattern: /^\/import\/?$/, load: () => import('./pages/import') },
  { pattern: /^\/analytics\/?$/, load: () => import('./pages/analytics') },
  { pattern: /^\/admin\/users\/?$/, load: () => import('./pages/admin-users') },
  { pattern: /^\/settings\/webhooks\/?$/, load: () => import('./pages/webhooks') },
  { pattern: /^\/(?:shipments\/([^/]+)\/?)?$/, load: () => import('./pages/home') },
]
