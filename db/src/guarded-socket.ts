import { connect, type Socket } from 'node:net'
import type { Reachability } from './reachability'

/** What postgres.js hands its `socket` option: the parsed hosts and ports of the URL. */
interface Target {
  host: string[]
  port: number[]
  path?: string | false
}

/**
 * A `socket` option for postgres.js that connects only when `reachability` admits it and
 * reports every outcome to it. It resolves once the TCP connection is up, as postgres.js
 * expects of a socket it is given, and gives up after `timeoutMs`. The first host of the URL
 * is the one used.
 */
export function guardedSocket(reachability: Reachability, timeoutMs: number) {
  return async (target: Target): Promise<Socket> => {
    reachability.admit()
    try {
      const socket = await open(target, timeoutMs)
      reachability.reached()
      return socket
    } catch (error) {
      reachability.failed(error)
      throw error
    }
  }
}

function open({ host, port, path }: Target, timeoutMs: number): Promise<Socket> {
  const socket = path ? connect(path) : connect(port[0]!, host[0]!)
  // postgres.js names the TLS server after these (SNI) when it upgrades the socket.
  Object.assign(socket, { host: host[0], port: port[0] })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`connect ETIMEDOUT after ${timeoutMs} ms`), {
        code: 'ETIMEDOUT',
      })
      socket.destroy()
      reject(error)
    }, timeoutMs)
    const failed = (error: Error) => {
      clearTimeout(timer)
      reject(error)
    }
    socket.once('error', failed)
    socket.once('connect', () => {
      clearTimeout(timer)
      // postgres.js listens for errors of its own from here on.
      socket.removeListener('error', failed)
      resolve(socket)
    })
  })
}
