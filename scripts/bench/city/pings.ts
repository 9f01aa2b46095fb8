import type { SentPing } from '../realtime/arrivals'
import type { BenchDriver } from '../scenarios'

/** What the pinger child is asked to send (POST /run). */
export interface PingRunRequest {
  /** Where pings go: the server, or the ingest function. */
  origin: string
  drivers: BenchDriver[]
  /** Pings a second over the whole fleet, the drivers in turn. */
  rate: number
  warmupSeconds: number
  seconds: number
}

/** What it sent, and how the ingest answered. */
export interface PingRun {
  sent: number
  statusCodes: Record<string, number>
  errors: number
  /** Wall-clock ms at which the measured window began: the first measured ping's second. */
  startMs: number
  /** The measured pings, in the order they left. */
  measured: SentPing[]
  /** How long the ingest took to answer the pings of the measured window. */
  answerMs: { p50: number; p95: number; p99: number }
  /** From the first ping leaving to the last answer. */
  elapsedMs: number
  /** How long the rate took to climb to the full rate, at the start. */
  rampMs: number
}

const RUN_SLACK_MS = 60_000

/** Runs the pings in the child at `url` and waits for the last answer. */
export async function runPings(
  url: string,
  request: PingRunRequest,
  signal: AbortSignal,
): Promise<PingRun> {
  const timeoutMs = (request.warmupSeconds + request.seconds) * 1000 + RUN_SLACK_MS
  const response = await fetch(`${url}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  }).catch((error: unknown) => {
    throw new Error(`pinger ${url}/run: ${String(error)}`, { cause: error })
  })
  if (!response.ok) throw new Error(`pinger: ${response.status} ${await response.text()}`)
  return response.json() as Promise<PingRun>
}
