import type { Principal } from '@dropmate/kit'

/** How the API shows a signed-in user to themselves. */
export function accountOf({ userId, email, name, role, driverId }: Principal) {
  return { id: userId, email, name, role, driverId }
}
