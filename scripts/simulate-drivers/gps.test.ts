import { distanceMeters } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { createRandom } from '../seed/random'
import { cityMap } from './city'
import { createGps, GPS_DRIFT_MAX_MPS, type Fix } from './gps'

const at = cityMap.toPoint({ lat: 38.7139, lng: -9.1394 })
const standing = { point: at, speedMps: 0, headingDeg: 90, urbanCanyon: false }

/** Ten minutes of fixes, every 100 ms, of a phone lying still. */
function still(seed: number): Fix[] {
  const gps = createGps(createRandom(seed))
  return Array.from({ length: 6_000 }, (_, i) => gps(standing, 1_700_000_000_000 + i * 100))
}

describe('createGps', () => {
  it('reports a still phone a few metres off, never more than about ten', () => {
    for (const seed of [1, 2, 3]) {
      const errors = still(seed).map((fix) => distanceMeters(fix, cityMap.toLatLng(at)))
      expect(Math.max(...errors)).toBeLessThan(10)
      expect(Math.max(...errors)).toBeGreaterThan(0.5)
    }
  })

  it('lets the error drift slowly, so it never looks like a jump', () => {
    for (const seed of [1, 2, 3]) {
      const fixes = still(seed)
      const drift = fixes.slice(1).map((fix, i) => distanceMeters(fixes[i]!, fix) / 0.1)
      expect(Math.max(...drift)).toBeLessThanOrEqual(GPS_DRIFT_MAX_MPS)
    }
    expect(GPS_DRIFT_MAX_MPS).toBeLessThan(1.5)
  })

  it('claims an accuracy in the range phones report, worse between tall buildings', () => {
    const gps = createGps(createRandom(4))
    const open = gps(standing, 0).accuracyM
    const canyon = gps({ ...standing, urbanCanyon: true }, 0).accuracyM
    expect(open).toBeGreaterThanOrEqual(3)
    expect(canyon).toBeGreaterThan(open)
    expect(canyon).toBeLessThan(25)
  })

  it('gives speed in m/s and a heading only while moving', () => {
    const gps = createGps(createRandom(5))
    expect(gps(standing, 0)).not.toHaveProperty('headingDeg')
    expect(gps(standing, 0).speedMps).toBe(0)
    const riding = gps({ ...standing, speedMps: 4.2, headingDeg: 359.5 }, 0)
    expect(riding.speedMps).toBeCloseTo(4.2, 0)
    expect(riding.headingDeg).toBeGreaterThanOrEqual(0)
    expect(riding.headingDeg).toBeLessThan(360)
  })
})
