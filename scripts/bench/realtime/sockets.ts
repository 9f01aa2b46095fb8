import { setTimeout as delay } from 'node:timers/promises'
import type { FleetParcel } from '../fleet'
import type { MatchedCopies, SentPing } from './arrivals'
import type { Received } from './latency'

/** What the sockets child is asked to open (POST /connect). */
export interface ConnectRequest {
  /** The gateway's origin: the server, Socket.io under /socket.io. */
  origin: string
  /** A dispatcher's token, for every socket on `/`. */
  token: string
  dispatchers: number
  /** One `/track` socket per parcel, following it. */
  tracked: FleetParcel[]
}

export interface Connected {
  dispatchers: number
  /** The drivers whose parcel a tracking socket follows (its `track` acknowledged ok). */
  tracked: string[]
  /** Sockets refused or left unanswered, by the refusal's code. */
  refused: Record<string, number>
  connectMs: number
}

/** What the sockets received since the last POST /reset. */
export interface SocketStats {
  dispatcher: Received
  tracking: Received
  /** Sockets the gateway dropped meanwhile, by Socket.io's reason. */
  disconnects: Record<string, number>
}

export interface ReceivedCount {
  dispatcher: number
  tracking: number
}

/** The window's measured pings, for POST /match. */
export interface MatchRequest {
  pings: SentPing[]
  /** Where the window's first second starts (wall clock ms). */
  startMs: number
  /** The window whose message bytes to count (wall clock ms, `to` excluded). */
  bytesFrom: number
  bytesTo: number
}

/** How late each kind of socket had the pings it was due, and what they took (POST /match). */
export interface SocketMatches {
  dispatcher: MatchedCopies
  tracking: MatchedCopies
  /** Message bytes each kind took in the window, all its sockets together. */
  bytes: ReceivedCount
  disconnects: Record<string, number>
  /** How late the child's own event loop ran timers (ms): a busy child stamps copies late. */
  loopDelayMs: { p99: number; max: number }
}

const CONNECT_TIMEOUT_MS = 60_000
const BEHIND_TIMEOUT_MS = 120_000
const STALLED_MS = 2_000

export async function connectSockets(url: string, request: ConnectRequest): Promise<Connected> {
  const response = await ask(`${url}/connect`, 'POST', request, CONNECT_TIMEOUT_MS)
  return response.json() as Promise<Connected>
}

export async function resetSockets(url: string): Promise<void> {
  await (await ask(`${url}/reset`, 'POST')).body?.cancel()
}

export async function socketStats(url: string): Promise<SocketStats> {
  return (await ask(`${url}/stats`)).json() as Promise<SocketStats>
}

export async function matchSockets(url: string, request: MatchRequest): Promise<SocketMatches> {
  // A child that fell behind works through its copies before it matches a minute of pings.
  const response = await ask(`${url}/match`, 'POST', request, BEHIND_TIMEOUT_MS)
  return response.json() as Promise<SocketMatches>
}

/**
 * Waits until the sockets have `expected` copies, or nothing came for two seconds, or
 * `timeoutMs` passed: whatever is still missing then counts as never delivered.
 */
export async function waitForCopies(
  url: string,
  expected: ReceivedCount,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let last = -1
  let lastChange = performance.now()
  for (;;) {
    const count = (await (
      await ask(`${url}/count`, 'GET', undefined, BEHIND_TIMEOUT_MS)
    ).json()) as ReceivedCount
    const total = count.dispatcher + count.tracking
    if (total !== last) [last, lastChange] = [total, performance.now()]
    const done = count.dispatcher >= expected.dispatcher && count.tracking >= expected.tracking
    const now = performance.now()
    if (done || now > deadline || now - lastChange > STALLED_MS) return
    await delay(100, undefined, { signal })
  }
}

async function ask(url: string, method = 'GET', body?: unknown, timeoutMs = 10_000) {
  const response = await fetch(url, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((error: unknown) => {
    // A timeout's own message names neither the request nor the child that did not answer.
    throw new Error(`${method} ${url}: ${String(error)}`, { cause: error })
  })
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
  return response
}
