import { isIP } from 'node:net'
import { Webhook } from 'standardwebhooks'
import { Agent, request, type Dispatcher } from 'undici'
import { isPublicAddress } from './public-address'
import { PrivateAddressError, publicLookup } from './public-lookup'

// A receiver that has not answered in this long is failing; the broker retries later.
const TIMEOUT_MS = 10_000
// What is read of an answer at most: the status says whether it was taken, and the start of
// the body says why not. The rest is never read, however much the receiver sends.
const READ_CAP_BYTES = 64 * 1024
// What the delivery log keeps of it.
const EXCERPT_CHARS = 1_024

/** One signed POST of a message, and what came of it. */
export interface PostOutcome {
  succeeded: boolean
  responseStatus: number | null
  responseExcerpt: string | null
  error: string | null
  durationMs: number
}

export interface SignedMessage {
  url: string
  /** The `webhook-id`: the same for every attempt and replay of one event to one endpoint. */
  id: string
  payload: string
  secret: string
}

/** How webhooks reach their receivers: public addresses only, unless private ones are allowed. */
export interface WebhookSender {
  post(message: SignedMessage): Promise<PostOutcome>
  close(): Promise<void>
}

/**
 * Sends Standard Webhooks messages: `webhook-id`, `webhook-timestamp` (seconds) and
 * `webhook-signature` (`v1,` and the HMAC-SHA256 of `id.timestamp.body`), a fresh timestamp
 * per attempt. Redirects are not followed (a 3xx is a failed attempt), answers are read up to
 * READ_CAP_BYTES, and every attempt ends within TIMEOUT_MS. Unless `allowPrivate`, a host is
 * connected to only at the public addresses it was checked at (publicLookup).
 */
export function createWebhookSender({ allowPrivate }: { allowPrivate: boolean }): WebhookSender {
  const dispatcher = new Agent(allowPrivate ? {} : { connect: { lookup: publicLookup() } })
  return {
    post: (message) => post(dispatcher, allowPrivate, message),
    close: () => dispatcher.close(),
  }
}

async function post(
  dispatcher: Dispatcher,
  allowPrivate: boolean,
  message: SignedMessage,
): Promise<PostOutcome> {
  const started = performance.now()
  const durationMs = () => Math.round(performance.now() - started)
  try {
    // Sockets skip the lookup for an address literal: check it here.
    const host = new URL(message.url).hostname.replace(/^\[(.*)\]$/, '$1')
    if (!allowPrivate && isIP(host) && !isPublicAddress(host)) {
      throw new PrivateAddressError(host, host)
    }
    const now = new Date()
    const response = await request(message.url, {
      method: 'POST',
      dispatcher,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'DropMate-Webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(message.secret).sign(message.id, now, message.payload),
      },
      body: message.payload,
    })
    const excerpt = await readCapped(response.body)
    const status = response.statusCode
    return {
      succeeded: status >= 200 && status < 300,
      responseStatus: status,
      responseExcerpt: excerpt.slice(0, EXCERPT_CHARS),
      error: status >= 300 && status < 400 ? 'redirect not followed' : null,
      durationMs: durationMs(),
    }
  } catch (error) {
    return {
      succeeded: false,
      responseStatus: null,
      responseExcerpt: null,
      error: describe(error),
      durationMs: durationMs(),
    }
  }
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body) {
    chunks.push(chunk as Buffer)
    length += (chunk as Buffer).length
    // Leaving the loop destroys the body: the rest is not read.
    if (length >= READ_CAP_BYTES) break
  }
  return Buffer.concat(chunks).subarray(0, READ_CAP_BYTES).toString('utf8')
}

/** What went wrong, in words an admin can act on; undici wraps the socket's own error. */
function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (cause instanceof PrivateAddressError) return `refused: ${cause.message}`
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${TIMEOUT_MS / 1000} s`
  }
  return cause instanceof Error ? cause.message : String(cause)
}
