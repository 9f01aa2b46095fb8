import { createAdaptorServer } from '@hono/node-server'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { logger } from './logger'
import { SecuredResponse } from './security-headers'

export interface ServeOptions {
  fetch: (request: Request) => Response | Promise<Response>
  port: number
  hostname: string
  /** How long in-flight requests may take to finish once shutdown begins. */
  shutdownTimeoutMs: number
  /**
   * Gets the node server before it listens, for what handles requests beside the app: the
   * realtime gateway attaches Socket.io here, so no `/socket.io` request reaches the app.
   */
  onServer?: (server: Server) => void
  /**
   * Awaited as shutdown begins, before the port closes: readiness turns 503 and background
   * work that calls this server (the broker delivering to it) finishes first.
   */
  onDraining?: () => void | Promise<void>
  /** Releases what the process holds (pools, embedded database) after the last request. */
  onClosed?: () => Promise<void>
}

export interface RunningServer {
  server: Server
  port: number
  /** Stops accepting, lets in-flight requests finish (up to the timeout), then cleans up. */
  shutdown(): Promise<void>
}

/**
 * Serves an app on a port, every answer with SECURITY_HEADERS; `shutdown` drains it the way
 * the Knative contract asks.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const server = await listen(options)
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined

  const shutdown = () => {
    closing ??= drain(server, options)
    return closing
  }

  logger.info({ port, hostname: options.hostname }, 'listening')
  return { server, port, shutdown }
}

// Ctrl-C in a terminal signals its whole foreground process group, so under `npm start` this
// process gets the terminal's SIGINT and npm's forwarded copy of it, milliseconds apart. A
// second Ctrl-C pressed on purpose comes later than this.
const SAME_KEYPRESS_MS = 300

/**
 * Honours the Knative runtime contract for SIGTERM: stop accepting, finish in-flight
 * requests, close pools, exit. SIGINT (Ctrl-C) does the same; a second signal exits at once,
 * unless it came with the first (one keypress reaching both npm and this process).
 */
export function shutdownOnSignals(shutdown: () => Promise<void>): void {
  let firstAt: number | undefined
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== undefined) {
      if (performance.now() - firstAt < SAME_KEYPRESS_MS) return
      logger.warn({ signal }, 'second signal, exiting now')
      process.exit(1)
    }
    firstAt = performance.now()
    logger.info({ signal }, 'shutting down')
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

/**
 * Connections the kernel holds for the process to accept. Clients whose requests wait open
 * more connections, all at once: phones connecting one each overflowed Node's default of 511
 * 45,000 times in 30 s of `npm run bench -- city` (6,000 to 24,000 times with this), and a
 * dropped connection is tried again only 1, then 3, then 7 s later. Linux caps it at
 * net.core.somaxconn, 4096 on current kernels.
 */
export const CONNECTION_BACKLOG = 4096

function listen(options: ServeOptions): Promise<Server> {
  const server = createAdaptorServer({
    fetch: options.fetch,
    hostname: options.hostname,
    serverOptions: { ServerResponse: SecuredResponse },
  }) as Server
  options.onServer?.(server)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    const { port, hostname: host } = options
    server.listen({ port, host, backlog: CONNECTION_BACKLOG }, () => resolve(server))
  })
}

async function drain(server: Server, options: ServeOptions) {
  await options.onDraining?.()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Keep-alive connections go as soon as they are idle; busy ones get until the deadline.
  const sweep = setInterval(() => server.closeIdleConnections(), 100)
  const deadline = setTimeout(() => {
    logger.warn({ timeoutMs: options.shutdownTimeoutMs }, 'requests still running, closing them')
    server.closeAllConnections()
  }, options.shutdownTimeoutMs)
  server.closeIdleConnections()
  await closed
  clearInterval(sweep)
  clearTimeout(deadline)
  await options.onClosed?.()
  logger.info('shut down cleanly')
}
