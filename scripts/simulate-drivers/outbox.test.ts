import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createRandom } from '../seed/random'
import { PingOutbox, retryAfterMs, type SentPing } from './outbox'
import type { RecordedPing } from './pings'
import { Session } from './session'
import { Stats } from './stats'

/**
 * The failures the real server shows only when its store is down or a client misbehaves,
 * played by a small HTTP peer: each POST /api/locations gets the next scripted answer.
 */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown }

let server: Server | undefined

async function peer(answers: Answer[]) {
  const received: { contentType: string; token: string; body: string }[] = []
  server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const reply = (answer: Answer) => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      response.end(JSON.stringify(answer.body ?? {}))
    }
    const account = { id: 'u1', email: 'd@x', name: 'D', role: 'driver', driverId: 'd1' }
    const tokens = (n: number) => ({
      accessToken: `a${n}`,
      refreshToken: `r${n}`,
      expiresIn: 900,
      account,
    })
    if (request.url === '/api/auth/login') return reply({ status: 200, body: tokens(1) })
    if (request.url === '/api/auth/refresh') {
      const fresh = JSON.parse(body).refreshToken === 'r1'
      return reply(fresh ? { status: 200, body: tokens(2) } : { status: 401 })
    }
    const token = request.headers.authorization ?? ''
    received.push({ contentType: request.headers['content-type'] ?? '', token, body })
    reply(answers.shift() ?? { status: 202, body: { accepted: 1, latest: 1 } })
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, received }
}

afterEach(async () => {
  server?.close()
  server = undefined
})

async function outboxFor(url: string) {
  const session = await Session.open(url, { email: 'd@x', password: 'p' })
  const lines: string[] = []
  const sent: SentPing[] = []
  const stats = new Stats((line) => lines.push(line))
  const outbox = new PingOutbox(session, stats, createRandom(1), (ping) => sent.push(ping))
  return { outbox, stats, lines, sent }
}

const ping = (n: number): RecordedPing => ({
  id: `ping-${n}`,
  driverId: 'd1',
  recordedAt: new Date(Date.now() - 1_000 + n),
  fix: { lat: 38.71, lng: -9.14, accuracyM: 5, speedMps: 0 },
})

describe('PingOutbox', () => {
  it('keeps pings through a 503, waits as retry-after says, then sends them as a batch', async () => {
    const { url, received } = await peer([
      {
        status: 503,
        headers: { 'retry-after': '1' },
        body: { code: 'location_store_unavailable' },
      },
    ])
    const { outbox, stats, sent } = await outboxFor(url)
    outbox.record(ping(1))
    await outbox.flush()
    outbox.record(ping(2))
    await outbox.flush()
    expect(received).toHaveLength(1)
    expect(outbox.queued).toBe(2)

    await new Promise((resolve) => setTimeout(resolve, 1_050))
    await outbox.flush()
    expect(received[1]!.contentType).toBe('application/cloudevents-batch+json')
    expect(sent.map((p) => [p.eventId, p.mode])).toEqual([
      ['ping-1', 'batch'],
      ['ping-2', 'batch'],
    ])
    expect(outbox.queued).toBe(0)
    expect(stats.summary(1, 0, 0)).toMatchObject({
      pings: 2,
      errors: { '503 location_store_unavailable': 1 },
    })
  })

  it('drops pings the API refuses with a 4xx, warning once, never sending them again', async () => {
    const refusal = { status: 400, body: { code: 'invalid_ping', detail: 'data.lat: too big' } }
    const { url, received } = await peer([refusal, refusal])
    const { outbox, stats, lines } = await outboxFor(url)
    for (const n of [1, 2]) {
      outbox.record(ping(n))
      await outbox.flush()
    }
    await outbox.flush()
    expect(received).toHaveLength(2)
    expect(outbox.queued).toBe(0)
    expect(stats.summary(1, 0, 0)).toMatchObject({
      dropped: 2,
      errors: { '400 invalid_ping': 2 },
    })
    expect(lines).toEqual([expect.stringMatching(/^warning: .*400 invalid_ping: data.lat/)])
  })

  it('refreshes an expired access token and sends the ping again', async () => {
    const { url, received } = await peer([{ status: 401, body: { code: 'invalid_token' } }])
    const { outbox, stats } = await outboxFor(url)
    outbox.record(ping(1))
    await outbox.flush()
    expect(received.map((request) => request.token)).toEqual(['Bearer a1', 'Bearer a2'])
    expect(stats.summary(1, 0, 0)).toMatchObject({ pings: 1, errors: {} })
  })

  it('keeps pings when the server cannot be reached, and backs off', async () => {
    const { url } = await peer([])
    const { outbox, stats } = await outboxFor(url)
    await new Promise((resolve) => server!.close(resolve))
    outbox.record(ping(1))
    await outbox.flush()
    expect(outbox.queued).toBe(1)
    expect(Object.keys(stats.summary(1, 0, 0).errors)).toEqual(['network ECONNREFUSED'])
  })
})

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3_000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000)
    expect(retryAfterMs('soon')).toBeNull()
    expect(retryAfterMs(null)).toBeNull()
  })
})
