import { logIn } from '../lib/log-in'
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
  const dispatcher = await logIn(api, credentialsOf(DISPATCHERS[0]!.name))
  const drivers = await Promise.all(
    DRIVERS.map(async ({ name, dutyStatus }) => {
      const { accessToken: token, account } = await logIn(api, credentialsOf(name))
      return { name, driverId: account.driverId!, token, onDuty: dutyStatus === 'available' }
    }),
  )
  const driver = ({ name, driverId, token }: (typeof drivers)[number]) => ({
    name,
    driverId,
    token,
  })
  return {
    dispatcherToken: dispatcher.accessToken,
    couriers: drivers.filter((d) => d.onDuty).map(driver),
    idle: drivers.filter((d) => !d.onDuty).map(driver),
  }
}

const credentialsOf = (name: string) => ({ email: emailOf(name, STAFF_DOMAIN), password: PASSWORD })
