import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { sendAtRate } from './paced'

describe('sendAtRate', () => {
  it('spreads the requests evenly over the run instead of sending them in a burst', async () => {
    const arrivals: number[] = []
    const server = createServer((request, response) => {
      arrivals.push(performance.now())
      request.resume().on('end', () => response.writeHead(202).end())
    }).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const build = (n: number) => ({ path: '/', headers: {}, body: String(n) })
    const sent = await sendAtRate(
      { origin, rate: 200, seconds: 0.5, build },
      AbortSignal.timeout(5_000),
    )
    server.close()

    expect(sent).toMatchObject({ sent: 100, statusCodes: { 202: 100 }, errors: 0 })
    expect(sent.latenciesMs).toHaveLength(100)
    const spanMs = arrivals.at(-1)! - arrivals[0]!
    expect(spanMs).toBeGreaterThan(400)
    const firstTenthMs = arrivals[9]! - arrivals[0]!
    expect(firstTenthMs).toBeGreaterThan(30)
  })

  it('refuses to send anywhere but 127.0.0.1', async () => {
    const build = () => ({ path: '/', headers: {}, body: '' })
    const options = { origin: 'http://10.0.0.7:80', rate: 1, seconds: 1, build }
    await expect(sendAtRate(options, AbortSignal.timeout(1_000))).rejects.toThrow('127.0.0.1')
  })
})
