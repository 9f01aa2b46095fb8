import * as auth from '@dropmate/auth'
import { brokerIngress } from '@dropmate/broker'
import { ConfigError } from '@dropmate/core'
import * as drivers from '@dropmate/drivers'
import * as geocoding from '@dropmate/geocoding'
import type { ApiDeps } from '@dropmate/kit'
import * as locations from '@dropmate/locations'
import * as notify from '@dropmate/notify'
import type { FunctionDefinition } from '@dropmate/runtime'
import * as shipments from '@dropmate/shipments'
import * as webhooks from '@dropmate/webhooks'

export type ApiFunction = FunctionDefinition<ApiDeps>

/**
 * Every API function, in the order their routes must match when mounted together (`npm
 * start`): each package's own list, in its own order.
 */
export const FUNCTIONS: readonly ApiFunction[] = [
  ...auth.functions,
  ...shipments.functions,
  ...drivers.functions,
  ...locations.functions,
  ...geocoding.functions,
  ...notify.functions,
  ...webhooks.functions,
]

/**
 * What deploys as a Knative Service of its own: the API functions, and the broker's ingress,
 * which `npm start` does not mount (its broker runs in-process).
 */
export const DEPLOYED: readonly ApiFunction[] = [...FUNCTIONS, brokerIngress]

/** The function called `name`; a ConfigError listing the names otherwise. */
export function functionNamed(name: string): ApiFunction {
  const found = DEPLOYED.find((fn) => fn.name === name)
  if (found) return found
  const known = DEPLOYED.map((fn) => fn.name).join(', ')
  throw new ConfigError(`FUNCTION must name a function (got "${name}"); one of: ${known}`)
}
