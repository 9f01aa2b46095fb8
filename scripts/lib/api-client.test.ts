import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { kindOf, NetworkError, send, type Call } from './api-client'

let server: Server | undefined

/** An HTTP peer on a free port that answers every request with `answer`, or never. */
async function peer(answer?: { status: number; type: string; body: string }) {
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = []
  server = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    seen.push({ method: request.method!, url: request.url!, headers: request.headers, body })
    if (!answer) return
    response.writeHead(answer.status, { 'content-type': answer.type })
    response.end(answer.body)
  }).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

afterEach(() => {
  server?.closeAllConnections()
  server?.close()
  server = undefined
})

describe('send', () => {
  it('sends JSON with the token and names a problem answer by status and code', async () => {
    const problem = { type: 'about:blank', status: 409, code: 'invalid_transition' }
    const { url, seen } = await peer({
      status: 409,
      type: 'application/problem+json',
      body: JSON.stringify(problem),
    })
    const call: Call = { method: 'PATCH', path: '/api/shipments/s1/status', json: { status: 'x' } }
    const reply = await send(url, call, 'a-token')
    expect(reply.status).toBe(409)
    expect(reply.body).toEqual(problem)
    expect(kindOf(reply)).toBe('409 invalid_transition')
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'PATCH',
        url: '/api/shipments/s1/status',
        body: '{"status":"x"}',
        headers: expect.objectContaining({
          authorization: 'Bearer a-token',
          'content-type': 'application/json',
        }),
      }),
    ])
  })

  it('keeps a body that is not JSON as text, with no parsed body', async () => {
    const { url } = await peer({ status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' })
    const reply = await send(url, { method: 'GET', path: '/ready' })
    expect(reply).toMatchObject({ status: 502, body: undefined, text: '<h1>Bad gateway</h1>' })
    expect(kindOf(reply)).toBe('502 no_code')
  })

  it('rejects with a NetworkError naming the refusal when nothing listens', async () => {
    const { url } = await peer()
    server!.close()
    await once(server!, 'close')
    const failure = await send(url, { method: 'GET', path: '/ready' }).catch((error) => error)
    expect(failure).toBeInstanceOf(NetworkError)
    expect(failure).toMatchObject({ code: 'ECONNREFUSED', kind: 'network ECONNREFUSED' })
    expect(failure.message).toBe('fetch failed (ECONNREFUSED)')
    expect(failure.reason).toMatch(/ECONNREFUSED/)
  })

  it('gives up on a server that never answers, as a timeout', async () => {
    const { url } = await peer()
    const failure = await send(url, { method: 'GET', path: '/ready', timeoutMs: 300 }).catch(
      (error) => error,
    )
    expect(failure).toBeInstanceOf(NetworkError)
    expect(failure).toMatchObject({ kind: 'timeout', message: 'no answer within 0.3 s' })
  })
})
