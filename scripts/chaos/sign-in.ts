import { DISPATCHERS, DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import type { Driver } from './journey'
import { PASSWORD } from './services'

export interface SignedIn {
  dispatcherToken: string
  /** The demo shop's drivers who start on duty: parcels can be assigned to them at once. */
  couriers: Driver[]
  /** The other drivers, who only ping. */
  idle: Driver[]
}

/** The demo shop's first dispatcher and all its drivers, signed in over HTTP. */
export async function signIn(api: string): Promise<SignedIn> {
  const dispatcherToken = await logIn(api, emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN))
  const drivers = await Promise.all(
    DRIVERS.map(async ({ name, dutyStatus }) => {
      const token = await logIn(api, emailOf(name, STAFF_DOMAIN))
      const me = await fetch(`${api}/api/me`, { headers: { authorization: `Bearer ${token}` } })
      const { driverId } = (await me.json()) as { driverId: string }
      return { name, driverId, token, onDuty: dutyStatus === 'available' }
    }),
  )
  const driver = ({ name, driverId, token }: (typeof drivers)[number]) => ({
    name,
    driverId,
    token,
  })
  return {
    dispatcherToken,
    couriers: drivers.filter((d) => d.onDuty).map(driver),
    idle: drivers.filter((d) => !d.onDuty).map(driver),
  }
}

async function logIn(api: string, email: string): Promise<string> {
  const response = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (!response.ok)
    throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}
