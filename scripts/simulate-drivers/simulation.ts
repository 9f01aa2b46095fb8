import type { LatLng } from '@dropmate/core'
import { randomInt } from 'node:crypto'
import { carrier, dashboardLink, trackingLink } from '../lib/links'
import { DISPATCHERS, emailOf, SHOP, STAFF_DOMAIN } from '../seed/demo-data'
import { createRandom, type Random } from '../seed/random'
import { cityMap } from './city'
import { SimulatedDriver } from './driver'
import type { SentPing } from './outbox'
import { findParcelToWatch } from './parcel-to-watch'
import { setDuty } from './set-duty'
import { DEMO_ADMIN_EMAIL, signInDrivers } from './sign-in-drivers'
import { formatSummary, Stats, type Summary } from './stats'
import { intersectionsAround, lisbonGrid, type Intersection, type StreetGrid } from './street-grid'

export interface SimulationOptions {
  /** The DropMate server, e.g. http://127.0.0.1:8080. */
  url: string
  /** Where a browser opens that server, for the links printed at the start; `url` unless set. */
  publicUrl?: string
  drivers?: number
  /** One ping per driver this often, ms. */
  intervalMs?: number
  /** The drivers' password; also the admin's unless `adminPassword` is given. */
  password?: string
  /** Signs in only to create drivers who cannot log in. */
  adminEmail?: string
  adminPassword?: string
  /** Pick up and deliver the shipments assigned to the drivers. */
  deliver?: boolean
  /** Lose signal now and then (20–90 s), then catch up with a batch. */
  deadZones?: boolean
  /** Same seed, same starts, routes and choices. */
  seed?: number
  /** Where drivers start: random intersections within `spreadM` of `near` (0: the nearest). */
  start?: { near: LatLng; spreadM: number }
  /** Time at a door or counter, ms. */
  dwellMs?: [number, number]
  /** Time a driver with nothing to do waits on a corner now and then, ms. */
  idleMs?: [number, number]
  /** A summary line this often, ms; 0 for none. */
  reportEveryMs?: number
  log?: (line: string) => void
  /** Every ping the API accepted, as it is accepted: for latency measurements. */
  onPing?: (ping: SentPing) => void
}

export interface Simulation {
  drivers: SimulatedDriver[]
  seed: number
  /** Counts so far. */
  summary(): Summary
  /** Stops every driver (last pings sent, off duty) and resolves to the final counts. */
  stop(): Promise<Summary>
}

export const DEFAULTS = {
  drivers: 20,
  intervalMs: 2_000,
  password: 'dropmate-demo',
  adminEmail: DEMO_ADMIN_EMAIL,
  deliver: true,
  deadZones: true,
  // Close enough to the shop that the first pickups happen within minutes.
  start: { near: SHOP, spreadM: 1_500 },
  dwellMs: [20_000, 90_000] as [number, number],
  idleMs: [5_000, 20_000] as [number, number],
  reportEveryMs: 10_000,
}

/**
 * Signs drivers in (creating missing ones), puts them on duty and sets them moving: each
 * sends a real location ping every interval until `stop()`.
 *
 * @example
 * const sim = await startSimulation({ url, drivers: 3, intervalMs: 200, onPing: record })
 * // ...
 * const summary = await sim.stop() // { pings: 84, requests: { binary: 66, ... }, ... }
 */
export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const settings = { ...DEFAULTS, ...withoutUndefined(options), url: options.url }
  const { log = console.log, onPing = () => {} } = options
  const seed = settings.seed ?? randomInt(2 ** 31)
  const stats = new Stats(log)
  const grid = lisbonGrid()

  const sessions = await signInDrivers(settings.url, {
    count: settings.drivers,
    password: settings.password,
    admin: {
      email: settings.adminEmail,
      password: settings.adminPassword ?? settings.password,
    },
    log,
  })
  const placing = createRandom(seed)
  const starts = sessions.map(() => startingPoint(grid, placing, settings.start))
  const records = await Promise.all(sessions.map((session) => setDuty(session, 'available')))
  const drivers = sessions.map((session, i) => {
    const stream = (n: number) => createRandom(seed + 7_919 * (i + 1) + n)
    return new SimulatedDriver({
      session,
      name: records[i]!.name,
      vehicleType: records[i]!.vehicleType,
      grid,
      start: starts[i]!,
      random: { motion: stream(1), gps: stream(2), phone: stream(3), work: stream(4) },
      stats,
      intervalMs: settings.intervalMs,
      deliver: settings.deliver,
      deadZones: settings.deadZones,
      dwellMs: settings.dwellMs,
      idleMs: settings.idleMs,
      onPing,
    })
  })
  const riders = sessions.map((session, i) => ({ session, ...records[i]! }))
  await printLinks(settings.publicUrl ?? settings.url, riders, log)
  const startedAt = Date.now()
  for (const driver of drivers) driver.start()

  const queued = () => drivers.reduce((sum, driver) => sum + driver.queued, 0)
  const summary = () => stats.summary(drivers.length, Date.now() - startedAt, queued())
  const report =
    settings.reportEveryMs > 0
      ? setInterval(() => log(formatSummary(summary())), settings.reportEveryMs)
      : undefined

  let stopping: Promise<Summary> | undefined
  return {
    drivers,
    seed,
    summary,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(report)
        await Promise.all(drivers.map((driver) => driver.stop()))
        return summary()
      })()),
  }
}

/** What to open to watch the run: the dashboard, and a parcel these drivers carry. */
async function printLinks(
  base: string,
  riders: Parameters<typeof findParcelToWatch>[0],
  log: (line: string) => void,
) {
  const dispatcher = emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN)
  log(`dashboard: ${dashboardLink(base)} (sign in as ${dispatcher})`)
  const parcel = await findParcelToWatch(riders)
  log(
    parcel
      ? `a parcel on its way: ${trackingLink(base, parcel.trackingNumber)} with ${carrier(parcel)}`
      : 'no parcel is in transit with these drivers yet: assign one on the dashboard',
  )
}

/** An intersection within `spreadM` of `near`, the nearest one when that is 0. */
function startingPoint(
  grid: StreetGrid,
  random: Random,
  { near, spreadM }: { near: LatLng; spreadM: number },
): Intersection {
  const around = intersectionsAround(grid, cityMap.toPoint(near), [0, spreadM])
  return around.length > 0 ? random.pick(around) : grid.nearest(near)
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
