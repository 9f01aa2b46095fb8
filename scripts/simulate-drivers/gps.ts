import type { Random } from '../seed/random'
import { cityMap } from './city'
import type { Point } from './geo'

/** One position fix as a phone reports it: the `data` of a location ping. */
export interface Fix {
  lat: number
  lng: number
  accuracyM: number
  speedMps: number
  /** Phones report no heading when standing still. */
  headingDeg?: number
}

export interface Truth {
  point: Point
  speedMps: number
  headingDeg: number
  /** Tall narrow streets: satellites hidden, reflections, worse accuracy. */
  urbanCanyon: boolean
}

/** GPS error drifts slowly (tens of seconds), it does not jump from fix to fix. */
const WANDER: [amplitudeM: number, periodS: number][] = [
  [2, 70],
  [1.2, 31],
  [0.5, 13],
]
const QUALITY: [number, number] = [0.6, 1.4]

/**
 * The fastest the error alone can move a reported position: each wave's amplitude times its
 * angular frequency, summed, at the worst device quality, on both axes. About 1.3 m/s.
 */
export const GPS_DRIFT_MAX_MPS =
  Math.SQRT2 *
  QUALITY[1] *
  WANDER.reduce((sum, [amplitudeM, periodS]) => sum + (amplitudeM * 2 * Math.PI) / periodS, 0)

/**
 * A phone's GPS: reports a true position with a smooth, slowly wandering error of a few
 * metres (a sum of slow waves with random phases, so it is continuous and bounded in speed),
 * an accuracy estimate that matches it, speed with a little noise, heading while moving.
 */
export function createGps(random: Random) {
  const quality = random.float(...QUALITY)
  const waves = (['x', 'y'] as const).flatMap((axis) =>
    WANDER.map(([amplitudeM, periodS]) => ({
      axis,
      amplitudeM: amplitudeM * quality,
      omega: (2 * Math.PI) / periodS,
      phase: random.float(0, 2 * Math.PI),
    })),
  )
  const round = (value: number, places: number) => Number(value.toFixed(places))

  return (truth: Truth, atMs: number): Fix => {
    const seconds = atMs / 1000
    const error = { x: 0, y: 0 }
    for (const wave of waves) {
      error[wave.axis] += wave.amplitudeM * Math.sin(wave.omega * seconds + wave.phase)
    }
    const { lat, lng } = cityMap.toLatLng({
      x: truth.point.x + error.x,
      y: truth.point.y + error.y,
    })
    const errorM = Math.hypot(error.x, error.y)
    // Phones report the 68 % radius; keep it honest against the error actually applied.
    const accuracyM = (truth.urbanCanyon ? 6 : 3) + errorM * 1.5 + random.float(0, 2)
    const moving = truth.speedMps > 0.5
    const headingDeg = round((((truth.headingDeg + random.float(-3, 3)) % 360) + 360) % 360, 1)
    return {
      lat,
      lng,
      accuracyM: round(accuracyM, 1),
      speedMps:
        truth.speedMps > 0 ? round(Math.max(0, truth.speedMps + random.float(-0.15, 0.15)), 2) : 0,
      ...(moving ? { headingDeg: headingDeg % 360 } : {}),
    }
  }
}
