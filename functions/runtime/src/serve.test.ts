import { Hono } from 'hono'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { describe, expect, it } from 'vitest'
import { CONNECTION_BACKLOG, serve } from './serve'

// iproute2's ss shows a listening socket's accept queue limit as its Send-Q.
const ss = spawnSync('ss', ['-V']).status === 0

function slowApp(started: () => void) {
  return new Hono().get('/slow', async (c) => {
    started()
    await new Promise((resolve) => setTimeout(resolve, 300))
    return c.text('finished')
  })
}

describe('serve', () => {
  it('finishes in-flight requests on shutdown, then refuses new ones and cleans up', async () => {
    let markStarted!: () => void
    const started = new Promise<void>((resolve) => (markStarted = resolve))
    const events: string[] = []
    const running = await serve({
      fetch: slowApp(markStarted).fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 5_000,
      onDraining: () => {
        events.push('draining')
      },
      onClosed: async () => {
        events.push('closed')
      },
    })
    const url = `http://127.0.0.1:${running.port}`
    const inFlight = fetch(`${url}/slow`)
    await started
    const stopped = running.shutdown()

    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('finished')
    await stopped
    expect(events).toEqual(['draining', 'closed'])
    await expect(fetch(`${url}/slow`)).rejects.toThrow()
  })

  it('cuts requests that outlive the shutdown timeout instead of hanging', async () => {
    let markStarted!: () => void
    const started = new Promise<void>((resolve) => (markStarted = resolve))
    const app = new Hono().get('/stuck', async (c) => {
      markStarted()
      await new Promise((resolve) => setTimeout(resolve, 10_000))
      return c.text('too late')
    })
    const running = await serve({
      fetch: app.fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 200,
    })
    const inFlight = fetch(`http://127.0.0.1:${running.port}/stuck`).catch((error) => error)
    await started
    await running.shutdown()
    expect(await inFlight).toBeInstanceOf(Error)
  })

  it('rejects when the port is taken', async () => {
    const first = await serve({
      fetch: slowApp(() => {}).fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 100,
    })
    try {
      await expect(
        serve({
          fetch: slowApp(() => {}).fetch,
          port: first.port,
          hostname: '127.0.0.1',
          shutdownTimeoutMs: 100,
        }),
      ).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await first.shutdown()
    }
  })

  it('hands over the node server before it listens, for handlers beside the app', async () => {
    let handed: Server | undefined
    let listeningWhenHanded: boolean | undefined
    const running = await serve({
      fetch: slowApp(() => {}).fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 100,
      onServer: (server) => {
        handed = server
        listeningWhenHanded = server.listening
      },
    })
    await running.shutdown()
    expect(handed).toBe(running.server)
    expect(listeningWhenHanded).toBe(false)
  })

  it.runIf(ss)('listens with room for a burst of new connections', async () => {
    const running = await serve({
      fetch: new Hono().fetch,
      port: 0,
      hostname: '127.0.0.1',
      shutdownTimeoutMs: 1_000,
    })
    const listening = spawnSync('ss', ['-ltnH', `sport = :${running.port}`], { encoding: 'utf8' })
    await running.shutdown()

    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'))
    const [, , acceptQueue] = listening.stdout.trim().split(/\s+/)
    expect(Number(acceptQueue)).toBe(Math.min(CONNECTION_BACKLOG, somaxconn))
  })
})
