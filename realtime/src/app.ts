import type { AnyApp } from '@dropmate/api'
import { healthRoutes } from '@dropmate/runtime'
import type { RealtimeGateway } from './gateway'

/** The gateway's HTTP side as its own process serves it: health, readiness, event ingress. */
export function realtimeApps(
  gateway: RealtimeGateway,
  isDraining: () => boolean = () => false,
): AnyApp[] {
  const draining = () => isDraining() || gateway.isDraining()
  return [healthRoutes({ checks: gateway.checks, isDraining: draining }), gateway.app]
}
