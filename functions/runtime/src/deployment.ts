import type { Hono } from 'hono'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- apps differ in env and schema
export type AnyApp = Hono<any, any, any>

/**
 * How one function runs as its own Knative Service. `npm run knative:generate` turns it into
 * `knative/base/services/<name>.yaml`, and a test fails when that file drifts from it.
 */
export interface FunctionDeployment {
  /**
   * The function's folder, its Knative Service's name, its bundle's (`<name>.mjs`) and
   * function-main's FUNCTION: one name, and a test fails when the folder's differs.
   */
  name: string
  /** What the function answers, as OpenAPI paths (`/api/shipments/{id}`). */
  routes: readonly HttpRoute[]
  /**
   * `public`: the API host routes `routes` here. `cluster-local`: only other pods reach it
   * (the broker ingress, which trusts its bearer token and not the internet).
   */
  exposure: 'public' | 'cluster-local'
  scaling: Scaling
  resources: Resources
  /** The revision's request timeout, and so its shutdown grace period (Knative contract). */
  timeoutSeconds: number
  /** Settings for this function alone, over the shared ConfigMap and Secret. */
  env: Readonly<Record<string, string>>
}

export interface HttpRoute {
  method: string
  path: string
}

/** Knative autoscaling, written as `autoscaling.knative.dev/*` annotations. */
export interface Scaling {
  /** 0 scales to zero when idle. */
  minScale: number
  maxScale: number
  /**
   * What the autoscaler counts per pod (`autoscaling.knative.dev/metric`): requests at once
   * (Knative's default), or requests a second for a function whose pods are bound by their
   * CPU rather than by what they wait on.
   */
  metric?: 'concurrency' | 'rps'
  /** Soft target per pod the autoscaler aims for, in its metric's unit. */
  target: number
  /** Hard limit of requests in one pod at once; more wait in the activator. 0 = none. */
  containerConcurrency: number
  /** How long the last pod stays after the last request before scaling to zero (`15m`). */
  retentionPeriod?: string
  /** Why this function scales differently from the defaults; written into the YAML. */
  why?: string
}

export interface Resources {
  cpu: string
  memory: string
  cpuLimit: string
  memoryLimit: string
}

/**
 * A function, whole: its app, built from the dependencies of the process it runs in, and its
 * deployment. Each function's folder exports one (`<folder>/index.ts`); each package an
 * ordered list of its own, read by `npm start`, `FUNCTION=<name>`, the OpenAPI document and
 * `npm run knative:generate`.
 */
export interface FunctionDefinition<Deps> extends FunctionDeployment {
  app: (deps: Deps) => AnyApp
}

export type FunctionSpec<Deps> = Pick<FunctionDefinition<Deps>, 'name' | 'routes' | 'app'> &
  Partial<Omit<FunctionDeployment, 'name' | 'routes' | 'scaling' | 'resources'>> & {
    scaling?: Partial<Scaling>
    resources?: Partial<Resources>
  }

/**
 * What an API function gets unless its definition says otherwise. Handlers are short and
 * mostly wait on PostgreSQL, so one pod carries many requests at once; the hard limit keeps
 * a burst from queueing behind a pool of a few connections in one pod.
 */
export const FUNCTION_DEFAULTS: Omit<FunctionDeployment, 'name' | 'routes'> = {
  exposure: 'public',
  scaling: { minScale: 0, maxScale: 10, target: 50, containerConcurrency: 100 },
  // Requests sized from the measured idle RSS (npm run bench: cold start); the CPU limit is
  // generous because start-up (parsing the bundle) is the one CPU-heavy moment of a pod.
  resources: { cpu: '50m', memory: '96Mi', cpuLimit: '1000m', memoryLimit: '256Mi' },
  timeoutSeconds: 30,
  // Every scaled-out pod opens its own pool to DigitalOcean's PgBouncer: keep each small.
  env: { DATABASE_POOL_MAX: '3' },
}

/**
 * A function: its spec over FUNCTION_DEFAULTS.
 *
 * @example
 * export const me = defineFunction({ name: 'me', routes: [route], app: meApp })
 */
export function defineFunction<Deps>(spec: FunctionSpec<Deps>): FunctionDefinition<Deps> {
  return {
    ...FUNCTION_DEFAULTS,
    ...spec,
    routes: spec.routes.map(({ method, path }) => ({ method, path })),
    scaling: { ...FUNCTION_DEFAULTS.scaling, ...spec.scaling },
    resources: { ...FUNCTION_DEFAULTS.resources, ...spec.resources },
    env: { ...FUNCTION_DEFAULTS.env, ...spec.env },
  }
}
