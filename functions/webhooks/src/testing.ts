import { execFile } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
export interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** How the receiver answers one request. */
export type Answer = (response: ServerResponse) => void

export const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (response) =>
    response.writeHead(code, headers).end(`answered ${code}`)

/**
 * An integrator's webhook endpoint on a free loopback port: it keeps every request and
 * answers each with the next of `answers`, then with the last one.
 */
export async function startReceiver(...answers: Answer[]) {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      const answer = answers[Math.min(received.length - 1, answers.length - 1)] ?? status(204)
      answer(response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const VERIFIER = fileURLToPath(new URL('../test/verify_webhook.py', import.meta.url))

/**
 * Checks a received message with the Python implementation of Standard Webhooks (the
 * `standardwebhooks` package when installed, else the specification's HMAC by the standard
 * library): which verifier accepted it; it throws when none did.
 */
export function verifyIndependently(secret: string, received: Received): Promise<string> {
  const python = process.env.STANDARDWEBHOOKS_PYTHON ?? 'python3'
  const headers = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      String(received.headers[name]),
    ]),
  )
  return new Promise((resolve, reject) => {
    const child = execFile(python, [VERIFIER], (error, stdout, stderr) =>
      error
        ? reject(new Error(`not verified: ${stderr || error.message}`))
        : resolve(stdout.trim()),
    )
    child.stdin!.end(JSON.stringify({ secret, headers, body: received.body }))
  })
}
