import type { AnyApp } from '@dropmate/runtime'
import type { Config } from '@dropmate/core'
import { healthRoutes, metricsApp } from '@dropmate/runtime'
import type { RealtimeGateway } from './gateway'

/**
 * The gateway's HTTP side as its own process serves it: health, readiness, metrics and the
 * event ingress.
 */
export function realtimeApps(
  gateway: RealtimeGateway,
  config: Pick<Config, 'METRICS_TOKEN'>,
  isDraining: () => boolean = () => false,
): Record<string, AnyApp> {
  const draining = () => isDraining() || gateway.isDraining()
  return {
    health: healthRoutes({ checks: gateway.checks, isDraining: draining }),
    metrics: metricsApp({ token: config.METRICS_TOKEN }),
    realtime: gateway.app,
  }
}
