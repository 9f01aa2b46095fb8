import { Hono } from 'hono'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { brokerAccess } from '@dropmate/events'
import { postingInProcess } from './http-post'

const ORIGIN = 'http://127.0.0.1:8080'

/** A subscriber behind the broker's access rule, as the realtime gateway and notify are. */
function subscriber(seen: string[]) {
  return new Hono().post('/events', brokerAccess({ config: {} }), async (c) => {
    seen.push(await c.req.text())
    return c.body(null, 202)
  })
}

describe('postingInProcess', () => {
  it("hands POSTs to its own origin to the app, which takes them as this machine's", async () => {
    const seen: string[] = []
    const post = postingInProcess(ORIGIN, subscriber(seen).fetch)

    const response = await post(`${ORIGIN}/events`, { 'ce-id': '1' }, '{"a":1}', 1_000)

    expect(response.status).toBe(202)
    expect(seen).toEqual(['{"a":1}'])
  })

  it('POSTs anywhere else over HTTP', async () => {
    const seen: string[] = []
    const elsewhere = createServer((request, response) => {
      request.on('data', (chunk: Buffer) => seen.push(chunk.toString()))
      request.on('end', () => response.writeHead(204).end())
    })
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/hook`
    const post = postingInProcess(ORIGIN, () => {
      throw new Error('not for this process')
    })

    expect((await post(url, {}, 'over the wire', 1_000)).status).toBe(204)
    expect(seen).toEqual(['over the wire'])
    await new Promise((resolve) => elsewhere.close(resolve))
  })

  it('gives up on an app that does not answer in time, as on a silent subscriber', async () => {
    const post = postingInProcess(ORIGIN, () => new Promise<Response>(() => {}))
    await expect(post(`${ORIGIN}/events`, {}, '', 50)).rejects.toMatchObject({
      name: 'TimeoutError',
    })
  })

  it('is no way in for a request that came over the network', async () => {
    const response = await subscriber([]).request(`${ORIGIN}/events`, { method: 'POST' })
    expect(response.status).toBe(403)
  })
})
