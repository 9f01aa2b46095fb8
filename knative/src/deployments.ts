import * as auth from '@dropmate/auth/deployments'
import * as broker from '@dropmate/broker/deployments'
import * as drivers from '@dropmate/drivers/deployments'
import * as locations from '@dropmate/locations/deployments'
import * as notify from '@dropmate/notify/deployments'
import type { FunctionDeployment } from '@dropmate/runtime'
import * as shipments from '@dropmate/shipments/deployments'

/** Every function's deployment, as each package declares it beside its apps, by name. */
export const DEPLOYMENTS: FunctionDeployment[] = [
  auth,
  broker,
  drivers,
  locations,
  notify,
  shipments,
]
  .flatMap((found): FunctionDeployment[] => Object.values(found))
  .sort((a, b) => a.name.localeCompare(b.name))
