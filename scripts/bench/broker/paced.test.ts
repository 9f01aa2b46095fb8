import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { sendAtRate } from './paced'

describe('sendAtRate', () => {
  it('sends each request at its slot of the run, never ahead of it, instead of in a burst', async () => {
    const server = createServer((request, response) => {
      request.resume().on('end', () => response.writeHead(202).end())
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const leftAt: number[] = []
    const build = (n: number) => {
      leftAt[n] = performance.now()
      return { path: '/', headers: {}, body: String(n) }
    }
    const rate = 200
    const before = performance.now()
    const sent = await sendAtRate(
      { origin, rate, seconds: 0.5, build },
      AbortSignal.timeout(20_000),
    )
    server.close()

    expect(sent).toMatchObject({ sent: 100, statusCodes: { 202: 100 }, errors: 0 })
    expect(sent.latenciesMs).toHaveLength(100)
    // A busy machine can only make a request late: request n is due (n + 1) / rate seconds in.
    const early = leftAt.filter((at, n) => at - before < ((n + 1) * 1000) / rate - 0.01)
    expect(early).toEqual([])
  })

  it('gives a request up once it is overdue, even while it still waits for a connection', async () => {
    // Slower than the connections can carry: later requests queue in the client for a socket.
    const server = createServer((request, response) => {
      request.resume().on('end', () => setTimeout(() => response.writeHead(202).end(), 100))
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const build = () => ({ path: '/', headers: {}, body: '' })
    const sent = await sendAtRate(
      { origin, rate: 1_000, seconds: 1, build, timeoutMs: 300 },
      AbortSignal.timeout(20_000),
    )
    server.close()

    expect(sent.sent).toBe(1_000)
    expect(sent.errors).toBeGreaterThan(0)
    expect((sent.statusCodes[202] ?? 0) + sent.errors).toBe(1_000)
  })

  it('holds no request back for a connection when given one per client', async () => {
    // Answers take 300 ms: at 500 requests a second, about 150 are out at once.
    let open = 0
    let mostOpen = 0
    const server = createServer((request, response) => {
      mostOpen = Math.max(mostOpen, ++open)
      request.resume().on('end', () =>
        setTimeout(() => {
          open--
          response.writeHead(202).end()
        }, 300),
      )
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const build = () => ({ path: '/', headers: {}, body: '' })
    const run = (connections?: number) =>
      sendAtRate({ origin, rate: 500, seconds: 1, build, connections }, AbortSignal.timeout(20_000))

    const pooled = await run()
    const pooledMost = mostOpen
    mostOpen = 0
    const own = await run(500)
    server.close()

    expect(pooled.statusCodes[202]).toBe(500)
    expect(own.statusCodes[202]).toBe(500)
    expect(pooledMost).toBeLessThanOrEqual(64)
    expect(mostOpen).toBeGreaterThan(100)
  })

  it('counts an answer cut off for its length as an error, and goes on sending', async () => {
    const server = createServer((request, response) => {
      const long = request.url === '/long'
      request.resume().on('end', () => response.writeHead(200).end(long ? 'x'.repeat(2e6) : ''))
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const build = (n: number) => ({ path: n % 10 === 0 ? '/long' : '/', headers: {}, body: '' })
    const sent = await sendAtRate(
      { origin, rate: 100, seconds: 1, build },
      AbortSignal.timeout(20_000),
    )
    server.close()

    expect(sent).toMatchObject({ sent: 100, statusCodes: { 200: 90 }, errors: 10 })
  })

  it('refuses to send anywhere but 127.0.0.1', async () => {
    const build = () => ({ path: '/', headers: {}, body: '' })
    const options = { origin: 'http://10.0.0.7:80', rate: 1, seconds: 1, build }
    await expect(sendAtRate(options, AbortSignal.timeout(1_000))).rejects.toThrow('127.0.0.1')
  })
})
