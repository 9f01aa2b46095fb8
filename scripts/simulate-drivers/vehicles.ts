import type { VehicleType } from '@dropmate/core'

export interface VehicleProfile {
  /** Cruising on an ordinary street, km/h. */
  streetKmh: number
  /** Cruising on an avenue, km/h. */
  avenueKmh: number
  /** What the historic centre does to cruising: narrow, steep, cobbled, full of trams. */
  centreFactor: number
  /** Through a turn at a crossing, km/h. */
  turnKmh: number
  /** The ceiling: no driver of this kind ever goes faster, whatever their temper. */
  maxKmh: number
  accelMps2: number
  brakeMps2: number
  /** Whether queues and jams hold it up; bikes filter past them. */
  inTraffic: boolean
}

type Row = [
  type: VehicleType,
  streetKmh: number,
  avenueKmh: number,
  centreFactor: number,
  turnKmh: number,
  maxKmh: number,
  accelMps2: number,
  brakeMps2: number,
  inTraffic: boolean,
]

/**
 * Urban speeds by vehicle type. Lisbon's limit is 50 km/h (30 in much of the centre);
 * delivery bikes average about 15 km/h, e-cargo bikes a little less.
 */
// prettier-ignore
const ROWS: Row[] = [
  //             street avenue centre turn max accel brake traffic
  ['on_foot',       5,     5,   1,     4,   7, 0.5,  1,   false],
  ['bicycle',      15,    18,   0.9,  10,  25, 0.8,  1.5, false],
  ['cargo_bike',   13,    15,   0.9,   8,  20, 0.6,  1.2, false],
  ['scooter',      28,    40,   0.75, 15,  50, 1.5,  2.5, true],
  ['motorcycle',   32,    48,   0.75, 18,  60, 2,    3,   true],
  ['car',          30,    45,   0.6,  15,  55, 1.8,  3,   true],
  ['van',          27,    40,   0.6,  12,  50, 1.3,  2.5, true],
]

export const VEHICLES = Object.fromEntries(
  ROWS.map(([type, ...profile]) => {
    const [streetKmh, avenueKmh, centreFactor, turnKmh, maxKmh, accelMps2, brakeMps2, inTraffic] =
      profile
    return [
      type,
      { streetKmh, avenueKmh, centreFactor, turnKmh, maxKmh, accelMps2, brakeMps2, inTraffic },
    ]
  }),
) as Record<VehicleType, VehicleProfile>

export const mps = (kmh: number) => kmh / 3.6

/** The fastest a driver of this vehicle may ever move, in m/s. */
export const maxSpeedMps = (type: VehicleType) => mps(VEHICLES[type].maxKmh)
