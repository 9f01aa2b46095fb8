import type { LatLng } from '@dropmate/core'
import type { VehicleType } from '@dropmate/core'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Random } from '../seed/random'
import { ApiError, NetworkError } from '../lib/api-client'
import { Courier, type Activity, type CourierSetup, type Ride } from './courier'
import { createGps } from './gps'
import { Mover } from './motion'
import { PingOutbox, type SentPing } from './outbox'
import { setDuty } from './set-duty'
import type { Intersection } from './street-grid'
import { VEHICLES } from './vehicles'

export interface DriverSetup extends Omit<CourierSetup, 'random'> {
  name: string
  vehicleType: VehicleType
  start: Intersection
  /** Independent streams, so one part's choices do not shift another's. */
  random: { motion: Random; gps: Random; phone: Random; work: Random }
  intervalMs: number
  deadZones: boolean
  onPing: (ping: SentPing) => void
}

/** Signal lost for this long, now and then (tunnels, underground car parks, thick walls). */
const DEAD_ZONE_MS: [number, number] = [20_000, 90_000]
/** A driver meets a dead zone about this often. */
const DEAD_ZONE_EVERY_MS = 15 * 60_000

/**
 * One simulated driver: a vehicle on the street grid, a phone that records a fix every
 * interval and sends it (or keeps it through a dead zone, to send as a batch after), and a
 * courier riding it.
 */
export class SimulatedDriver {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly vehicleType: VehicleType
  /** The newest ping the API accepted. */
  lastSent: SentPing | undefined

  private readonly mover: Mover
  private readonly gps: ReturnType<typeof createGps>
  private readonly outbox: PingOutbox
  private readonly courier: Courier
  private readonly stopping = new AbortController()
  private signalBackAt = 0
  private lastTickAt = 0
  private timer: NodeJS.Timeout | undefined
  private working: Promise<void> = Promise.resolve()
  private tickWaiters: Array<() => void> = []

  constructor(private readonly setup: DriverSetup) {
    const { session, random, stats } = setup
    this.id = session.account.driverId!
    this.email = session.account.email
    this.name = setup.name
    this.vehicleType = setup.vehicleType
    const profile = VEHICLES[setup.vehicleType]
    const temper = random.motion.float(0.85, 1.1)
    this.mover = new Mover(setup.grid, profile, random.motion, setup.start, temper)
    this.gps = createGps(random.gps)
    this.outbox = new PingOutbox(session, stats, random.phone, (ping) => {
      this.lastSent = ping
      setup.onPing(ping)
    })
    this.courier = new Courier(this.ride(), { ...setup, random: random.work })
  }

  get activity(): Activity {
    return this.courier.activity
  }

  /** Where the driver really is (pings add GPS error to it). */
  get position(): LatLng {
    return this.mover.place
  }

  get online(): boolean {
    return Date.now() >= this.signalBackAt
  }

  /** Pings recorded and not yet accepted. */
  get queued(): number {
    return this.outbox.queued
  }

  /** Drives into a dead zone: fixes keep being recorded, and go as a batch once it ends. */
  loseSignal(ms: number): void {
    if (this.online) this.setup.stats.add('deadZones')
    this.signalBackAt = Math.max(this.signalBackAt, Date.now() + ms)
  }

  start(): void {
    const { intervalMs, random, stats } = this.setup
    this.lastTickAt = Date.now()
    // A random phase, so a fleet's pings spread over the interval instead of arriving at once.
    const phase = random.phone.float(0, intervalMs)
    this.timer = setTimeout(() => {
      this.tick()
      this.timer = setInterval(() => this.tick(), intervalMs)
    }, phase)
    this.working = this.courier.run().catch((error: unknown) => {
      stats.error('simulator bug', `${this.email}: ${(error as Error).stack}`)
    })
  }

  /** Stops moving, sends what the phone still holds (one attempt) and goes off duty. */
  async stop(): Promise<void> {
    this.stopping.abort()
    clearTimeout(this.timer)
    clearInterval(this.timer)
    this.wake()
    await this.working
    this.signalBackAt = 0
    await this.outbox.settled()
    await this.outbox.flush({ now: true })
    await setDuty(this.setup.session, 'offline').catch((error: unknown) => {
      if (!(error instanceof ApiError || error instanceof NetworkError)) throw error
      this.setup.stats.error(error.kind, `${this.email} could not go off duty: ${error.message}`)
    })
  }

  private tick() {
    const now = Date.now()
    const elapsedMs = now - this.lastTickAt
    this.lastTickAt = now
    this.mover.advance(elapsedMs)
    const { deadZones, random } = this.setup
    if (deadZones && this.online && random.phone.chance(elapsedMs / DEAD_ZONE_EVERY_MS)) {
      this.loseSignal(random.phone.float(...DEAD_ZONE_MS))
    }
    const { point, speedMps, headingDeg, intersection } = this.mover
    const fix = this.gps({ point, speedMps, headingDeg, urbanCanyon: intersection.centre }, now)
    this.outbox.record({ id: randomUUID(), driverId: this.id, recordedAt: new Date(now), fix })
    if (this.online) void this.outbox.flush()
    this.wake()
  }

  private wake() {
    const waiters = this.tickWaiters
    this.tickWaiters = []
    for (const resolve of waiters) resolve()
  }

  /** The vehicle and phone as the courier sees them. */
  private ride(): Ride {
    const { mover, stopping } = this
    const stopped = () => stopping.signal.aborted
    return {
      email: this.email,
      position: () => mover.place,
      intersection: () => mover.intersection,
      arrived: () => mover.arrived,
      online: () => this.online,
      stopped,
      headFor: (node) => mover.driveTo(node),
      until: async (done) => {
        while (!stopped() && !done()) {
          await new Promise<void>((resolve) => this.tickWaiters.push(resolve))
        }
      },
      pause: (ms) => sleep(ms, undefined, { signal: stopping.signal }).catch(() => {}),
    }
  }
}
