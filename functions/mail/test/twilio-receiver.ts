import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One text as Twilio's Messages API took it. */
export interface SentText {
  accountSid: string
  /** The credentials it came with, decoded from HTTP Basic: `sid:token`. */
  credentials: string
  to: string
  from: string | null
  messagingServiceSid: string | null
  body: string
}

const MESSAGES = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/i

/**
 * A loopback HTTP server standing in for Twilio's Messages API: it records what reaches
 * `POST /2010-04-01/Accounts/{sid}/Messages.json` (form-encoded) and answers as Twilio does,
 * 201 with the message, unless a test says otherwise.
 */
export async function startTwilioReceiver() {
  const sent: SentText[] = []
  let statuses = [201]
  let received = 0
  const server: Server = createServer((request, response) => {
    received++
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const account = MESSAGES.exec(request.url ?? '')
      if (request.method !== 'POST' || !account) {
        response.writeHead(404).end()
        return
      }
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
      const text: SentText = {
        accountSid: account[1]!,
        credentials: Buffer.from(basic, 'base64').toString('utf8'),
        to: form.get('To') ?? '',
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body: form.get('Body') ?? '',
      }
      if (status === 201) sent.push(text)
      const answer =
        status === 201
          ? { sid: `SM${randomBytes(16).toString('hex')}`, status: 'queued', to: text.to }
          : { code: status === 400 ? 21211 : 20500, message: 'refused', status }
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    /** Requests that reached it so far. */
    get received() {
      return received
    },
    /** Forgets what it was sent and answers 201 again: a test's fresh start. */
    reset() {
      sent.length = 0
      received = 0
      statuses = [201]
    },
    /** What Twilio answers from now on: each status in turn, the last one for good. */
    answer(...next: [number, ...number[]]) {
      statuses = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
