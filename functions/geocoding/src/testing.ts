import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An answer recorded from the geocoder's API, kept in test/fixtures. */
export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}.json`, import.meta.url), 'utf8'))

export interface SeenRequest {
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** When the request reached the geocoder, by its own clock (ms). */
  at: number
}

export interface FakeGeocoder {
  url: string
  seen: SeenRequest[]
  /** What it answers to a request; unset paths answer an empty list. */
  answer(route: (request: SeenRequest) => { status?: number; body: unknown } | undefined): void
  close(): Promise<void>
}

/**
 * A local server that speaks the geocoder's HTTP API with recorded answers, and writes down
 * every request it gets: never a real external host.
 */
export async function startFakeGeocoder(): Promise<FakeGeocoder> {
  const seen: SeenRequest[] = []
  let route: Parameters<FakeGeocoder['answer']>[0] = () => undefined
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://geocoder')
    const request = {
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      at: performance.timeOrigin + performance.now(),
    }
    seen.push(request)
    const { status = 200, body } = route(request) ?? { body: [] }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    answer: (next) => void (route = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
