import { DEPLOYED } from '@dropmate/server/functions'
import type { FunctionDeployment } from '@dropmate/runtime'

/** Every function's deployment, as its folder defines it, by name. */
export const DEPLOYMENTS: FunctionDeployment[] = [...DEPLOYED].sort((a, b) =>
  a.name.localeCompare(b.name),
)
