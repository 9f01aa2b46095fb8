import { behindOf, type ScreenState } from './checks'
import type { Stored } from './observe'
import type { Stack } from './shapes'

const POLL_MS = 250

/** A shipment as the API lists it now: the truth screens are compared with. */
type Listed = Stored['shipments'][number] & { updatedAt: string }

/** The scenario's shipments as the API lists them (its receiver names carry the run's id). */
export async function listShipments(api: string, token: string, runId: string): Promise<Listed[]> {
  const url = `${api}/api/shipments?q=${encodeURIComponent(runId)}&limit=100`
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(2_000),
  })
  if (!response.ok) throw new Error(`listing shipments: ${response.status}`)
  const { items } = (await response.json()) as {
    items: Array<Listed & { receiver: { email: string } }>
  }
  return items.map((item) => ({ ...item, receiverEmail: item.receiver.email }))
}

/**
 * Whether every process is ready and every screen connected and showing each shipment as
 * the API lists it, but for changes younger than `graceMs` (still on their way to sockets).
 */
export async function caughtUp(
  stack: Stack,
  screens: ScreenState[],
  list: () => Promise<Listed[]>,
  graceMs: number,
): Promise<boolean> {
  try {
    if (!(await stack.ready(POLL_MS))) return false
    const settled = (await list()).filter((s) => Date.parse(s.updatedAt) < Date.now() - graceMs)
    return screens.every((screen) => screen.connected && behindOf(screen, settled).length === 0)
  } catch {
    return false
  }
}

/** Polls `ready` until it holds: the ms it took, or null when `limitMs` passed first. */
export async function timeUntil(
  ready: () => Promise<boolean>,
  limitMs: number,
  since = Date.now(),
) {
  while (Date.now() - since < limitMs) {
    if (await ready()) return Date.now() - since
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return null
}
