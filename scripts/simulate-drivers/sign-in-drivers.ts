import type { VehicleType } from '@dropmate/core'
import { ADMIN, DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { ApiError } from '../lib/api-client'
import type { Credentials } from '../lib/log-in'
import { Session } from './session'

export interface DriverLogin {
  email: string
  name: string
  vehicleType: VehicleType
}

export const DEMO_ADMIN_EMAIL = emailOf(ADMIN.name, STAFF_DOMAIN)

/** The fleet extra simulated drivers ride: mostly two wheels, as in a Lisbon delivery fleet. */
const SIM_VEHICLES: VehicleType[] = ['bicycle', 'scooter', 'car', 'cargo_bike', 'motorcycle', 'van']

/** Logins at a time: each costs the server a scrypt hash. */
const CONCURRENCY = 4

/**
 * The first `count` driver logins: the seeded demo drivers in seed order, then
 * `sim-driver-01@estrela.example` and on, the same on every run.
 */
export function driverLogins(count: number): DriverLogin[] {
  return Array.from({ length: count }, (_, i) => {
    const demo = DRIVERS[i]
    if (demo) {
      const { name, vehicleType } = demo
      return { email: emailOf(name, STAFF_DOMAIN), name, vehicleType }
    }
    const n = String(i - DRIVERS.length + 1).padStart(2, '0')
    return {
      email: `sim-driver-${n}@${STAFF_DOMAIN}`,
      name: `Sim Driver ${n}`,
      vehicleType: SIM_VEHICLES[(i - DRIVERS.length) % SIM_VEHICLES.length]!,
    }
  })
}

export interface SignInOptions {
  count: number
  password: string
  /** Creates the drivers that cannot log in; only signed in when one is missing. */
  admin: Credentials
  log: (line: string) => void
}

/**
 * Signs in `count` drivers, creating through the API (as the admin) any that cannot log in:
 * idempotent across runs, since an account that exists is only ever logged in to.
 */
export async function signInDrivers(baseUrl: string, options: SignInOptions): Promise<Session[]> {
  let admin: Promise<Session> | undefined
  const create = async (login: DriverLogin) => {
    admin ??= Session.open(baseUrl, options.admin).catch((error: unknown) => {
      if (!(error instanceof ApiError)) throw error
      throw new Error(
        `${login.email} cannot log in, and ${options.admin.email} (who would create it) ` +
          `cannot either (${error.kind}). Wrong --password, or is the demo shop not seeded ` +
          `(npm run db:seed)?`,
      )
    })
    const staff = await admin
    const json = { ...login, password: options.password }
    const reply = await staff.call({ method: 'POST', path: '/api/drivers', json })
    if (reply.status === 409) {
      throw new Error(`${login.email} exists but refuses the password given (--password?)`)
    }
    if (reply.status !== 201) throw new ApiError(`create driver ${login.email}`, reply)
    options.log(`created driver ${login.email} (${login.vehicleType})`)
  }
  const signIn = async (login: DriverLogin) => {
    const credentials = { email: login.email, password: options.password }
    let session: Session
    try {
      session = await Session.open(baseUrl, credentials)
    } catch (error) {
      if (!(error instanceof ApiError) || error.reply.status !== 401) throw error
      await create(login)
      session = await Session.open(baseUrl, credentials)
    }
    if (!session.account.driverId) {
      throw new Error(`${login.email} is a ${session.account.role}, not a driver`)
    }
    return session
  }
  return mapLimited(driverLogins(options.count), CONCURRENCY, signIn)
}

async function mapLimited<T, R>(items: T[], limit: number, each: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await each(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
