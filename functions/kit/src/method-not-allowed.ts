import { notFound, problem } from '@dropmate/runtime'
import type { Context, MiddlewareHandler } from 'hono'
import type { AnyApp } from '@dropmate/runtime'

/**
 * 405 with `Allow` (RFC 9110 §15.5.6) for a path the API serves under other methods, so a
 * client learns it used the wrong method, not the wrong address:
 * - `guard` runs before the routes: a fixed path (`/api/drivers/nearby`) is matched before a
 *   templated one that also fits it (`PATCH /api/drivers/{id}`), as OpenAPI matches paths;
 * - `unmatched` answers what no route took: a templated path under another method, or the
 *   404 problem. Catch-all routes (the web app's `*`) name no path and are left out.
 */
export function methodNotAllowed(apps: AnyApp[]) {
  const routes = apps
    .flatMap((app) => app.routes)
    .filter(({ method, path }) => method !== 'ALL' && !path.includes('*'))
  const fixed = new Map<string, Set<string>>()
  for (const { method, path } of routes.filter((route) => !route.path.includes(':'))) {
    fixed.set(path, (fixed.get(path) ?? new Set()).add(method))
  }
  const templated = routes.map(({ method, path }) => ({ method, pattern: patternOf(path) }))

  // Not async: every request passes here, and a promise of its own would be one more turn.
  const guard: MiddlewareHandler = (c, next) => {
    const methods = fixed.get(c.req.path)
    if (methods && !methods.has(c.req.method === 'HEAD' ? 'GET' : c.req.method)) {
      return Promise.resolve(refuse(c, methods))
    }
    return next()
  }
  const unmatched = (c: Context): Response => {
    const methods = new Set(
      templated.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method),
    )
    // A route of this method that still did not answer (a sub-app's own 404) is not a 405.
    if (methods.size === 0 || methods.has(c.req.method)) return notFound(c)
    return refuse(c, methods)
  }
  return { guard, unmatched }
}

function refuse(c: Context, methods: Set<string>): Response {
  const allow = [...methods, ...(methods.has('GET') ? ['HEAD'] : [])].sort().join(', ')
  const detail = `${c.req.method} is not allowed on ${c.req.path}; use ${allow}.`
  return problem(c, 'method_not_allowed', detail, {}, { allow })
}

/** `/api/shipments/:id/status` as a regular expression over request paths. */
function patternOf(path: string): RegExp {
  const segments = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
  return new RegExp(`^${segments.join('/')}$`)
}
