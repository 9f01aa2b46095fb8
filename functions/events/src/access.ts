import type { Config } from '@dropmate/core'
import { tokenOrLoopback, type TokenOrLoopback } from '@dropmate/runtime'
import type { MiddlewareHandler } from 'hono'

export interface BrokerAccess {
  config: Pick<Config, 'BROKER_TOKEN'>
  remoteAddress?: TokenOrLoopback['remoteAddress']
}

/**
 * Senders to the broker, and the broker delivering to our subscribers, present BROKER_TOKEN;
 * without it only this machine may send.
 */
export function brokerAccess(deps: BrokerAccess): MiddlewareHandler {
  return tokenOrLoopback({
    token: deps.config.BROKER_TOKEN,
    variable: 'BROKER_TOKEN',
    realm: 'broker',
    remoteAddress: deps.remoteAddress,
  })
}
