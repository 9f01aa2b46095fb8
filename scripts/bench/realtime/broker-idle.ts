import type { TriggerStats } from '@dropmate/broker'
import { setTimeout as delay } from 'node:timers/promises'

const QUIET_MS = 1_000
const TIMEOUT_MS = 30_000

/** The server's dispatcher counts per Trigger (GET /broker/stats, loopback only). */
async function triggerStats(origin: string): Promise<Record<string, TriggerStats>> {
  const response = await fetch(`${origin}/broker/stats`, { signal: AbortSignal.timeout(5_000) })
  if (!response.ok) throw new Error(`GET ${origin}/broker/stats: ${response.status}`)
  return ((await response.json()) as { triggers: Record<string, TriggerStats> }).triggers
}

/**
 * Waits until the server's dispatcher has delivered nothing for a second (at most 30 s),
 * and says how long that took. The scenarios before leave a backlog behind (tens of thousands
 * of pings and new shipments for the gateway), which would queue the run's positions behind it.
 */
export async function waitUntilBrokerIdle(origin: string, signal: AbortSignal): Promise<number> {
  const started = performance.now()
  let last = ''
  let quietSince = started
  while (performance.now() - started < TIMEOUT_MS) {
    const now = performance.now()
    const counts = JSON.stringify(await triggerStats(origin))
    if (counts !== last) [last, quietSince] = [counts, now]
    else if (now - quietSince >= QUIET_MS) break
    await delay(200, undefined, { signal })
  }
  return performance.now() - started
}
