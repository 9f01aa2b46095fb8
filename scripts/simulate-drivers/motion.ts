import type { LatLng } from '@dropmate/core'
import type { Random } from '../seed/random'
import { cityMap } from './city'
import { lerp, turnAngle, type Point } from './geo'
import { planRoute } from './route'
import type { Intersection, Street, StreetGrid } from './street-grid'
import { mps, type VehicleProfile } from './vehicles'

/** Physics step: short enough that braking for a light lands on the line. */
const STEP_S = 0.25
/** The last metres to a stop line are rolled at walking pace, never skipped. */
const CREEP_MPS = 1

/** The street being driven and what waits along it, decided when it is entered. */
interface Leg {
  from: Intersection
  to: Intersection
  street: Street
  cruiseMps: number
  /** Speed to arrive at `to` with: 0 to stop (red light, give way, destination). */
  endMps: number
  /** Seconds standing at `to` once stopped there. */
  endHoldS: number
  /** A stop partway: a double-parked van, a zebra crossing, a bin lorry. */
  pause: { atM: number; holdS: number } | null
}

/**
 * One vehicle on the street grid: follows a route intersection by intersection, accelerating
 * and braking within its profile, stopping at red lights and in jams, slowing for turns.
 * It moves only along streets and never above its profile's ceiling, so consecutive
 * positions can never imply an impossible speed.
 */
export class Mover {
  speedMps = 0
  headingDeg = 0
  private at: Intersection
  private leg: Leg | null = null
  private ahead: number[] = []
  private redirect: number | null = null
  private travelledM = 0
  private holdS = 0

  constructor(
    private readonly grid: StreetGrid,
    private readonly profile: VehicleProfile,
    private readonly random: Random,
    start: Intersection,
    /** This driver's pace against the profile: some hurry, some dawdle. */
    private readonly temper = 1,
  ) {
    this.at = start
  }

  /** Standing at the end of its route, with nothing left to do there. */
  get arrived(): boolean {
    return !this.leg && this.ahead.length === 0 && this.holdS <= 0
  }

  /** Where it stands or last passed. */
  get intersection(): Intersection {
    return this.at
  }

  get point(): Point {
    const { leg } = this
    return leg ? lerp(leg.from, leg.to, this.travelledM / leg.street.lengthM) : this.at
  }

  get place(): LatLng {
    return cityMap.toLatLng(this.point)
  }

  /** Heads for an intersection: from here when standing, else from the end of this street. */
  driveTo(node: number): void {
    if (this.leg) {
      this.redirect = node
      return
    }
    this.ahead = planRoute(this.grid, this.at.id, node).slice(1)
    this.enterNextLeg()
  }

  /** Moves on by `ms` of time. */
  advance(ms: number): void {
    for (let left = ms / 1000; left > 1e-9; left -= STEP_S) this.step(Math.min(STEP_S, left))
  }

  private step(seconds: number) {
    if (this.holdS > 0 || !this.leg) {
      this.holdS = Math.max(0, this.holdS - seconds)
      this.speedMps = 0
      return
    }
    const leg = this.leg
    const pause = leg.pause && leg.pause.atM >= this.travelledM ? leg.pause : null
    const gapM = (pause ? pause.atM : leg.street.lengthM) - this.travelledM
    const gapEndMps = pause ? 0 : leg.endMps
    const brakingMps = Math.sqrt(gapEndMps ** 2 + 2 * this.profile.brakeMps2 * gapM)
    const target = Math.min(leg.cruiseMps, brakingMps)
    const before = this.speedMps
    const { accelMps2, brakeMps2 } = this.profile
    // Slowing for a jam eases off; braking for a stop line follows the braking curve exactly.
    let after =
      before < target
        ? Math.min(target, before + accelMps2 * seconds)
        : Math.min(brakingMps, Math.max(target, before - brakeMps2 * seconds))
    if (gapEndMps === 0) after = Math.max(after, Math.min(CREEP_MPS, leg.cruiseMps))
    const movedM = ((before + after) / 2) * seconds

    if (gapEndMps === 0 && movedM >= gapM) {
      this.travelledM += gapM
      this.speedMps = 0
      if (pause) {
        this.holdS = pause.holdS
        leg.pause = null
      } else {
        this.holdS = leg.endHoldS
        this.finishLeg()
      }
      return
    }
    this.travelledM += movedM
    this.speedMps = after
    if (this.travelledM >= leg.street.lengthM) {
      const overM = this.travelledM - leg.street.lengthM
      this.finishLeg()
      if (this.leg) this.travelledM = Math.min(overM, this.leg.street.lengthM / 2)
    }
  }

  private finishLeg() {
    this.at = this.leg!.to
    this.leg = null
    this.travelledM = 0
    if (this.redirect !== null) {
      this.ahead = planRoute(this.grid, this.at.id, this.redirect).slice(1)
      this.redirect = null
    }
    this.enterNextLeg()
  }

  private enterNextLeg() {
    const next = this.ahead.shift()
    if (next === undefined) {
      this.speedMps = 0
      return
    }
    const street = this.grid.streets[this.at.id]!.find((s) => s.to === next)!
    this.leg = { from: this.at, to: this.grid.nodes[next]!, street, ...this.plan(street) }
    this.headingDeg = street.headingDeg
  }

  /** What this street holds in store: the pace on it, and whether it ends in a stop. */
  private plan(street: Street): Omit<Leg, 'from' | 'to' | 'street'> {
    const { profile, random } = this
    const to = this.grid.nodes[street.to]!
    const centre = to.centre || this.at.centre
    let kmh = (street.avenue ? profile.avenueKmh : profile.streetKmh) * this.temper
    if (centre) kmh *= profile.centreFactor
    if (profile.inTraffic && random.chance(centre ? 0.2 : 0.08)) kmh *= random.float(0.25, 0.6)
    const cruiseMps = mps(Math.min(kmh, profile.maxKmh))

    const pauseChance = profile.inTraffic ? (centre ? 0.12 : 0.05) : 0.02
    const pause = random.chance(pauseChance)
      ? { atM: street.lengthM * random.float(0.3, 0.7), holdS: random.float(2, 12) }
      : null
    const onward = this.ahead[0]
    if (onward === undefined && this.redirect === null) {
      return { cruiseMps, endMps: 0, endHoldS: 0, pause }
    }
    if (to.lights && random.chance(profile.inTraffic ? 0.45 : 0.3)) {
      return { cruiseMps, endMps: 0, endHoldS: random.float(8, street.avenue ? 30 : 45), pause }
    }
    if (!to.lights && profile.inTraffic && random.chance(0.1)) {
      return { cruiseMps, endMps: 0, endHoldS: random.float(1, 4), pause }
    }
    const next =
      onward === undefined ? undefined : this.grid.streets[to.id]!.find((s) => s.to === onward)
    const turn = next ? turnAngle(street.headingDeg, next.headingDeg) : 0
    const endMps = turn > 150 ? CREEP_MPS * 2 : turn > 35 ? mps(profile.turnKmh) : Infinity
    return { cruiseMps, endMps, endHoldS: 0, pause }
  }
}
