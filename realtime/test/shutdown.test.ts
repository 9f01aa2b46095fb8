import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connected, next, startGateway, until, type TestGateway } from './support'

let gateway: TestGateway

beforeAll(async () => {
  gateway = await startGateway()
})

afterAll(() => gateway?.close())

describe('a gateway shutting down', () => {
  it('turns /ready 503 and sends its sockets to reconnect elsewhere', async () => {
    // Ready once its connections are up, with Redis a moment after it starts.
    await until(async () => (await gateway.api.request('GET', '/ready')).status === 200)
    const socket = gateway.dashboard(await gateway.api.signIn('dispatcher'))
    await connected(socket)
    const sentAway = next(socket, 'disconnect')
    const refused = next(socket, 'connect_error')

    gateway.gateway.drain()
    // Dropped like a broken line, not told off, so the client reconnects by itself ...
    expect(await sentAway).toBe('transport close')
    // ... to another gateway: this one lets no one in any more.
    await refused
    expect(await gateway.api.request('GET', '/ready')).toMatchObject({
      status: 503,
      body: { code: 'shutting_down' },
    })
    expect((await gateway.api.request('GET', '/health')).status).toBe(200)
  })
})
