import type { LatLng } from '@dropmate/core'
import { FAILURE_REASONS } from '../seed/demo-data'
import type { Random } from '../seed/random'
import { ApiError, kindOf, NetworkError } from '../lib/api-client'
import { onLand } from './city'
import { fetchJobs, moveShipment, nextStop, type Job, type Move, type Stop } from './deliveries'
import type { Session } from './session'
import type { Stats } from './stats'
import { intersectionsAround, type Intersection, type StreetGrid } from './street-grid'

export type Activity = 'wandering' | 'to_pickup' | 'to_dropoff' | 'at_stop' | 'stopped'

/** What the courier needs of the vehicle and phone it rides with. */
export interface Ride {
  email: string
  position(): LatLng
  intersection(): Intersection
  /** Standing where it was headed. */
  arrived(): boolean
  online(): boolean
  stopped(): boolean
  headFor(node: number): void
  /** Resolves at the first tick where `done()` holds, or when stopping. */
  until(done: () => boolean): Promise<void>
  /** Resolves after `ms`, or when stopping. */
  pause(ms: number): Promise<void>
}

export interface CourierSetup {
  session: Session
  stats: Stats
  grid: StreetGrid
  random: Random
  deliver: boolean
  /** Time spent at a door or counter, ms. */
  dwellMs: [number, number]
  /** Time waiting for orders on a corner, now and then, when there is nothing to do, ms. */
  idleMs: [number, number]
}

/** How often a wandering courier checks for new work. */
const JOB_POLL_MS = 10_000
/** Share of drop-offs where nobody opens the door. */
const FAILED_ATTEMPT_SHARE = 0.07
/** A wandering courier heads for a spot this far away. */
const WANDER_M: [number, number] = [400, 1_500]

/**
 * The person on the vehicle: picks up the shipments assigned to them, sets off with them
 * (in transit) and delivers them, nearest stop first, now and then failing at a door; with
 * nothing to do, cruises around and checks for work. Requests wait for signal; a refused
 * move (409, 404: someone else moved it) is counted and the plan made again.
 */
export class Courier {
  activity: Activity = 'wandering'

  constructor(
    private readonly ride: Ride,
    private readonly setup: CourierSetup,
  ) {}

  async run() {
    while (!this.ride.stopped()) {
      const stop = this.setup.deliver ? await this.plan() : null
      if (stop) await this.serve(stop)
      else await this.wander()
    }
    this.activity = 'stopped'
  }

  /** The next stop, after setting off (in transit) with whatever was picked up. */
  private async plan(): Promise<Stop | null> {
    const jobs = await this.jobs()
    for (const job of jobs.filter((j) => j.status === 'picked_up')) {
      if (await this.move(job, { status: 'in_transit' })) job.status = 'in_transit'
    }
    return nextStop(
      this.ride.position(),
      jobs.filter((j) => j.status !== 'picked_up'),
    )
  }

  private async serve(stop: Stop) {
    const { ride, setup } = this
    this.activity = stop.kind === 'pickup' ? 'to_pickup' : 'to_dropoff'
    ride.headFor(setup.grid.nearest(stop.place).id)
    await ride.until(() => ride.arrived())
    if (ride.stopped()) return
    this.activity = 'at_stop'
    for (const job of stop.jobs) await this.move(job, this.outcome(stop))
    await ride.pause(setup.random.float(...setup.dwellMs))
  }

  private outcome(stop: Stop): Move {
    const { random } = this.setup
    if (stop.kind === 'pickup') return { status: 'picked_up' }
    if (!random.chance(FAILED_ATTEMPT_SHARE)) return { status: 'delivered' }
    return { status: 'failed', reason: random.pick(FAILURE_REASONS) }
  }

  private async wander() {
    const { ride, setup } = this
    this.activity = 'wandering'
    ride.headFor(this.somewhereNear().id)
    while (!ride.stopped()) {
      const pollAt = Date.now() + JOB_POLL_MS
      await ride.until(() => ride.arrived() || (setup.deliver && Date.now() >= pollAt))
      if (ride.arrived() || !setup.deliver) break
      if ((await this.jobs()).length > 0) return
    }
    // Waiting for orders on a corner, now and then.
    if (setup.random.chance(0.3)) await ride.pause(setup.random.float(...setup.idleMs))
  }

  /** A random intersection a short drive away. */
  private somewhereNear(): Intersection {
    const { grid, random } = this.setup
    const around = intersectionsAround(grid, this.ride.intersection(), WANDER_M)
    return random.pick(around.length > 0 ? around : grid.nodes)
  }

  /** Active shipments in the courier's hands that lie in the simulated city. */
  private async jobs(): Promise<Job[]> {
    const { ride, setup } = this
    await ride.until(() => ride.online())
    if (ride.stopped()) return []
    try {
      return (await fetchJobs(setup.session)).filter((job) => {
        const inside = onLand(job.pickup) && onLand(job.dropoff)
        const why = `shipment ${job.trackingNumber} lies outside the simulated city; skipping it`
        if (!inside) setup.stats.warnOnce(`outside ${job.id}`, why)
        return inside
      })
    } catch (error) {
      await this.failed(error, 'GET /api/shipments')
      return []
    }
  }

  /** Moves a shipment along; whether it moved. */
  private async move(job: Job, move: Move): Promise<boolean> {
    const { ride, setup } = this
    await ride.until(() => ride.online())
    if (ride.stopped()) return false
    try {
      const reply = await moveShipment(setup.session, job, move, ride.position())
      if (reply.status === 200) {
        if (move.status !== 'in_transit') setup.stats.add(COUNTERS[move.status])
        return true
      }
      const detail =
        reply.status === 409 || reply.status === 404
          ? `shipment ${job.trackingNumber} changed under ${ride.email}; carrying on`
          : `${ride.email} could not move ${job.trackingNumber} to ${move.status}`
      setup.stats.error(kindOf(reply), detail)
    } catch (error) {
      await this.failed(error, `PATCH /api/shipments/${job.id}/status`)
    }
    return false
  }

  /** Counts a request that got no answer (or whose sign-in was refused), then waits a bit. */
  private async failed(error: unknown, call: string) {
    if (!(error instanceof NetworkError || error instanceof ApiError)) throw error
    this.setup.stats.error(error.kind, `${call} for ${this.ride.email} failed: ${error.message}`)
    await this.ride.pause(2_000)
  }
}

const COUNTERS = {
  picked_up: 'pickedUp',
  delivered: 'delivered',
  failed: 'failedAttempts',
} as const
