import type { Actor, Role } from '@dropmate/core'

/** A signed-in user as every handler sees them; an `Actor` for the status machine. */
export interface Principal extends Actor {
  role: Role
  userId: string
  driverId: string | null
  name: string
  email: string
}

/** Checks a bearer token and says who holds it; null for any token that does not count. */
export interface Authenticator {
  principalFor(token: string): Promise<Principal | null>
}
