import type { Client, Reply } from './client'

// A client that got no answer, or a 503 without Retry-After, tries again this soon.
const DEFAULT_WAIT_MS = 300
// A Retry-After longer than this is still honoured, capped so a scenario stays bounded.
const MAX_WAIT_MS = 2_000

export type Attempt = () => ReturnType<Client['request']>

/**
 * Sends a request until it is answered 2xx, as a phone or dashboard retries: after an error
 * answer (waiting what Retry-After asks) or no answer at all. Gives up at `deadline`.
 * `settled` says whether an answer that is not 2xx still ends the matter (a refusal).
 */
export async function untilAnswered(
  attempt: Attempt,
  deadline: number,
  settled: (reply: Reply) => Promise<boolean> = async () => false,
): Promise<{ acknowledged: boolean; reply: Reply | undefined }> {
  let reply: Reply | undefined
  while (Date.now() < deadline) {
    reply = await attempt()
    if (typeof reply.status === 'number' && reply.status >= 200 && reply.status < 300) {
      return { acknowledged: true, reply }
    }
    if (await settled(reply)) return { acknowledged: false, reply }
    await new Promise((resolve) => setTimeout(resolve, waitMs(reply!)))
  }
  return { acknowledged: false, reply }
}

function waitMs(reply: Reply): number {
  const seconds = Number(reply.retryAfter)
  if (reply.retryAfter === null || !Number.isFinite(seconds)) return DEFAULT_WAIT_MS
  return Math.min(MAX_WAIT_MS, Math.max(DEFAULT_WAIT_MS, seconds * 1_000))
}
