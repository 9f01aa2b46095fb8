import { ADMIN, CUSTOMERS, DISPATCHERS, DRIVERS, emailOf, SHOP, STAFF_DOMAIN } from './demo-data'
import { carrier, dashboardLink, trackingLink, type ParcelOnItsWay } from '../lib/links'
import type { SeedCounts } from './seed-demo-shop'

const ACCOUNTS = 1 + DISPATCHERS.length + DRIVERS.length + CUSTOMERS.length

/**
 * What `npm run db:seed` prints: what it created and whom to sign in as. A password taken
 * from SEED_PASSWORD is not echoed, since env values may be secrets kept out of logs.
 */
export function formatSummary(created: SeedCounts, password: string, fromEnv: boolean): string {
  const nothing = Object.values(created).every((count) => count === 0)
  const result = nothing
    ? 'already seeded, nothing created'
    : `created ${created.users} users, ${created.drivers} drivers, ${created.shipments} ` +
      `shipments and ${created.events} timeline events`
  const staff = (name: string) => emailOf(name, STAFF_DOMAIN)
  const logins = [
    ['admin', staff(ADMIN.name)],
    ...DISPATCHERS.map(({ name }) => ['dispatcher', staff(name)]),
    ...DRIVERS.slice(0, 2).map((d) => [
      'driver',
      `${staff(d.name)} (${d.vehicleType}, ${d.dutyStatus})`,
    ]),
    ...CUSTOMERS.slice(0, 2).map(({ email }) => ['customer', email]),
  ]
  return [
    `${SHOP.name}, Lisbon: ${result}.`,
    '',
    `Demo logins, password ${fromEnv ? 'from SEED_PASSWORD' : `"${password}"`}:`,
    ...logins.map(([role, login]) => `  ${role!.padEnd(12)}${login}`),
    `All ${DRIVERS.length} drivers and ${CUSTOMERS.length} customers share that password.`,
    ...(created.users < ACCOUNTS
      ? ['Accounts that existed before this run kept the password they were created with.']
      : []),
  ].join('\n')
}

/**
 * What to open once the server runs: the dashboard, and the tracking page of a parcel on its
 * way, whose driver moves while the simulator runs.
 */
export function formatLinks(base: string, parcel: ParcelOnItsWay | undefined): string {
  const [dispatcher] = DISPATCHERS
  return [
    '',
    'Open, with the server running (npm start):',
    `  dashboard   ${dashboardLink(base)}`,
    `              sign in as ${emailOf(dispatcher!.name, STAFF_DOMAIN)}`,
    ...(parcel
      ? [
          `  tracking    ${trackingLink(base, parcel.trackingNumber)}`,
          `              a parcel on its way with ${carrier(parcel)}; it moves while`,
          '              npm run simulate:drivers runs beside the server',
        ]
      : ['  No parcel is in transit now: assign one on the dashboard and start its delivery.']),
  ].join('\n')
}
