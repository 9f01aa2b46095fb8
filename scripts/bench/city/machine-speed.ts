import type { Cleanups } from '../cleanups'
import { startChild, HELLO_WORLD } from '../child'
import { measure, type LoadShape } from '../measure'

// npm run bench's baseline row, shortened: a few seconds tell a slow day from a fast one.
const SHAPE: LoadShape = { connections: 64, warmupSeconds: 1, durationSeconds: 4 }

/**
 * Requests a second the bench's hello-world server answers on this machine just before the
 * city runs. The city's targets are absolute, and this shared machine's speed is not: the
 * live path that met p50 in the cluster on a day hello world answered 33,000 a second
 * missed it by seconds on days it answered 17,000 to 21,000. Compare runs at similar figures.
 */
export async function helloWorldRate(cleanups: Cleanups, signal: AbortSignal): Promise<number> {
  const server = await startChild(HELLO_WORLD, cleanups)
  try {
    const scenario = { name: 'hello world', origin: server.url, requests: [{ path: '/' }] }
    const { requestsPerSecond } = await measure(scenario, SHAPE, signal)
    return Math.round(requestsPerSecond)
  } finally {
    await server.stop()
  }
}
