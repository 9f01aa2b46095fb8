import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import answers from './answers.json' with { type: 'json' }

const ANSWERS: Record<string, unknown> = answers

/**
 * A local HTTP server speaking OSRM's API from `answers.json`. `down()` makes it answer 503
 * as a server that is restarting does; `requests` lists what it was asked.
 */
export async function startOsrmServer() {
  let available = true
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    const answer = ANSWERS[req.url ?? '']
    const [status, body] = !available
      ? [503, { code: 'Unavailable', message: 'restarting' }]
      : answer
        ? [200, answer]
        : [400, { code: 'InvalidUrl', message: `URL string malformed close to position 1` }]
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    down: () => void (available = false),
    up: () => void (available = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
