import type { Principal } from './auth/principal'

/** Hono environment of every API app: the middleware puts the caller here. */
export interface ApiEnv {
  Variables: {
    actor: Principal
  }
}
