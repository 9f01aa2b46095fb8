import type { TriggerStats } from '@dropmate/broker'
import { setTimeout as delay } from 'node:timers/promises'

/** What the subscriber child counted: `count` and `latenciesMs` since the last reset. */
export interface SubscriberStats {
  total: number
  count: number
  latenciesMs: number[]
}

/** Every delivery the subscriber had since it started. */
export async function deliveredSoFar(url: string): Promise<number> {
  return ((await (await ask(`${url}/total`)).json()) as { total: number }).total
}

export async function subscriberStats(url: string): Promise<SubscriberStats> {
  return (await ask(`${url}/stats`)).json() as Promise<SubscriberStats>
}

/** Starts a new measured window at the subscriber. */
export async function resetSubscriber(url: string): Promise<void> {
  await (await ask(`${url}/reset`, 'POST')).body?.cancel()
}

export async function dispatcherStats(url: string): Promise<Record<string, TriggerStats>> {
  return (await ask(`${url}/stats`)).json() as Promise<Record<string, TriggerStats>>
}

/**
 * Waits until the subscriber has had `total` deliveries since it started, or `timeoutMs`;
 * the deliveries still missing then (0 once drained).
 */
export async function waitForDeliveries(
  url: string,
  total: number,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const missing = total - (await deliveredSoFar(url))
    if (missing <= 0 || performance.now() > deadline) return Math.max(0, missing)
    await delay(50, undefined, { signal })
  }
}

async function ask(url: string, method = 'GET'): Promise<Response> {
  const response = await fetch(url, { method, signal: AbortSignal.timeout(5_000) })
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status}`)
  return response
}
