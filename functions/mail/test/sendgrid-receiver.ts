import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as SendGrid's v3 mail/send would get it. */
export interface SentMail {
  authorization: string | undefined
  body: {
    personalizations: Array<{ to: Array<{ email: string }> }>
    from: { email: string }
    subject: string
    content: Array<{ type: string; value: string }>
    headers?: Record<string, string>
    custom_args?: Record<string, string>
  }
}

/**
 * A loopback HTTP server standing in for SendGrid's API: it records what reaches
 * `POST /v3/mail/send` and answers `status` (202, as SendGrid does, unless a test says).
 */
export async function startSendGridReceiver() {
  const sent: SentMail[] = []
  let statuses = [202]
  let beforeAnswer = async () => {}
  let received = 0
  const server: Server = createServer((request, response) => {
    received++
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      if (request.method !== 'POST' || request.url !== '/v3/mail/send') {
        response.writeHead(404).end()
        return
      }
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!
      if (status === 202) {
        sent.push({
          authorization: request.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        })
      }
      await beforeAnswer()
      const errors = status === 202 ? '' : JSON.stringify({ errors: [{ message: 'down' }] })
      response.writeHead(status, { 'content-type': 'application/json' }).end(errors)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    /** Requests that reached it so far, answered or not yet. */
    get received() {
      return received
    },
    /** What SendGrid answers from now on: each status in turn, the last one for good. */
    answer(...next: [number, ...number[]]) {
      statuses = next
    },
    /** Runs `hook` after each email is taken and before SendGrid answers: a slow answer. */
    beforeAnswering(hook: () => Promise<void>) {
      beforeAnswer = hook
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
