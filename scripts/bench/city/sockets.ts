import type { Cleanups } from '../cleanups'
import { startChild, type Child } from '../child'
import type { BenchFleet } from '../fleet'
import { connectSockets, type Connected, type ConnectRequest } from '../realtime/sockets'

/** The city's screens, spread over several processes: one would be the bottleneck. */
export interface SocketChildren {
  children: Child[]
  connected: Connected
}

/**
 * Starts `count` sockets children and has each open its share of the dispatcher sockets
 * and of the tracking sockets (one per parcel of `parcels`) on the gateway at `origin`.
 */
export async function openCitySockets(
  cleanups: Cleanups,
  options: { count: number; origin: string; token: string; dispatchers: number },
  parcels: BenchFleet['parcels'],
): Promise<SocketChildren> {
  const { count, origin, token } = options
  const children = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startChild(
        {
          name: `sockets ${i + 1}`,
          script: 'scripts/bench/realtime/sockets-child.ts',
          env: {},
          readyPath: '/ready',
        },
        cleanups,
      ),
    ),
  )
  const requests = shareOut(count, options.dispatchers, parcels).map((share): ConnectRequest => ({
    origin,
    token,
    ...share,
  }))
  const each = await Promise.all(
    children.map((child, i) => connectSockets(child.url, requests[i]!)),
  )
  const connected: Connected = { dispatchers: 0, tracked: [], refused: {}, connectMs: 0 }
  for (const one of each) {
    connected.dispatchers += one.dispatchers
    connected.tracked.push(...one.tracked)
    for (const [code, n] of Object.entries(one.refused)) {
      connected.refused[code] = (connected.refused[code] ?? 0) + n
    }
    connected.connectMs = Math.max(connected.connectMs, one.connectMs)
  }
  return { children, connected }
}

/**
 * Each of `count` processes' sockets: dispatchers and parcels dealt out as evenly as they go.
 *
 * @example
 * shareOut(2, 3, [p1, p2, p3]) // [{ dispatchers: 2, tracked: [p1, p2] }, { dispatchers: 1, tracked: [p3] }]
 */
export function shareOut<T>(count: number, dispatchers: number, parcels: readonly T[]) {
  return Array.from({ length: count }, (_, i) => {
    const slice = (total: number) => [
      Math.floor((total * i) / count),
      Math.floor((total * (i + 1)) / count),
    ]
    const [from, to] = slice(parcels.length)
    const [first, last] = slice(dispatchers)
    return { dispatchers: last! - first!, tracked: parcels.slice(from, to) }
  })
}
