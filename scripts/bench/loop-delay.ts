/** How often an event-loop delay monitor checks in: Node's, here and in prom-client's default. */
export const LOOP_RESOLUTION_MS = 10

/**
 * How late an event loop ran, from a delay monitor's reading (`monitorEventLoopDelay`, or
 * prom-client's gauges built on it): the monitor times its own timer, due every
 * LOOP_RESOLUTION_MS, so an idle loop reads about that, and only the excess is lateness.
 */
export function lateMs(readingMs: number): number {
  return Math.max(0, readingMs - LOOP_RESOLUTION_MS)
}
