import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { load } from './measure'
import { measureInTurns, pooled } from './turns'

/** A loopback server that answers each request after `delayMs()`. */
async function serverAnswering(delayMs: () => number) {
  const server = createServer((_request, response) => {
    setTimeout(() => response.writeHead(200).end(), delayMs())
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

describe('pooled', () => {
  it('takes the percentiles of every request of the turns, not of the worst turn', async () => {
    let delay = 0
    const { server, origin } = await serverAnswering(() => delay)
    const scenario = { origin, requests: [{ path: '/' }] }
    const signal = AbortSignal.timeout(20_000)
    const fast = await load(scenario, 8, 1, signal, { raw: true })
    delay = 100
    // Far fewer requests than the fast turn's thousands: under 1 % of them all.
    const slow = await load(scenario, 1, 1, signal, { raw: true })
    server.close()

    const both = pooled([fast, slow], 2)
    const slowAlone = pooled([slow], 1)
    // Pooling leaves the turns as they were: pooled again, they give the same.
    expect(pooled([fast, slow], 2)).toEqual(both)
    expect(slowAlone.p99Ms).toBeGreaterThanOrEqual(100)
    expect(both.requests).toBe(pooled([fast], 1).requests + slowAlone.requests)
    expect(slowAlone.requests / both.requests).toBeLessThan(0.01)
    expect(both.p99Ms).toBeLessThan(100)
    expect(both.statusCodes).toEqual({ 200: both.requests })
    expect(both.requestsPerSecond).toBe(both.requests / 2)
  })
})

describe('measureInTurns', () => {
  it('warms every scenario up, then gives each its turns in order and in reverse', async () => {
    // Each server counts what it answers and says in its status which server it is.
    const answered = [0, 0]
    const servers = answered.map((_count, index) =>
      createServer((_request, response) => {
        answered[index]! += 1
        response.writeHead(200 + index).end()
      }).listen(0, '127.0.0.1'),
    )
    await Promise.all(servers.map((server) => once(server, 'listening')))
    const scenarios = servers.map((server, index) => ({
      name: `server ${index}`,
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests: [{ path: '/' }],
    }))
    const turns: number[] = []
    const answeredInTurns = [0, 0]
    const turnMs: number[] = []
    const around = async (index: number, turn: () => Promise<void>) => {
      turns.push(index)
      const [before, started] = [answered[index]!, performance.now()]
      await turn()
      turnMs.push(performance.now() - started)
      answeredInTurns[index]! += answered[index]! - before
    }
    const shape = { connections: 4, warmupSeconds: 1, durationSeconds: 4 }

    const measured = await measureInTurns(scenarios, shape, AbortSignal.timeout(30_000), {
      rounds: 4,
      around,
    })
    servers.forEach((server) => server.close())

    expect(turns).toEqual([0, 1, 1, 0, 0, 1, 1, 0])
    // Four turns of a second each: what each rate is over.
    for (const ms of turnMs) expect(ms).toBeGreaterThanOrEqual(950)
    expect(measured.map(({ name }) => name)).toEqual(['server 0', 'server 1'])
    for (const [index, { measurement }] of measured.entries()) {
      // The warm-up's requests are not counted; every turn's are, and only at their server.
      expect(measurement.requests).toBeGreaterThan(0)
      expect(measurement.requests).toBeLessThanOrEqual(answeredInTurns[index]!)
      expect(answered[index]).toBeGreaterThan(answeredInTurns[index]!)
      expect(measurement.statusCodes).toEqual({ [200 + index]: measurement.requests })
      expect(measurement.requestsPerSecond).toBe(measurement.requests / 4)
    }
  })
})
