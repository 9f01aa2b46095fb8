import { describe, expect, it } from 'vitest'
import { distanceMeters } from './geo'

const rossio = { lat: 38.7139, lng: -9.1394 }
const belemTower = { lat: 38.6916, lng: -9.216 }

function expectWithin(actual: number, expected: number, fraction: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * fraction)
}

describe('distanceMeters', () => {
  it('is zero from a point to itself', () => {
    expect(distanceMeters(rossio, rossio)).toBe(0)
  })

  it('measures Rossio to Belém Tower within 1 % of the WGS84 geodesic', () => {
    // 7108.2 m by Vincenty's inverse formula on WGS84; the sphere comes out 0.2 % short.
    expectWithin(distanceMeters(rossio, belemTower), 7108.2, 0.01)
  })

  it('is the same in both directions', () => {
    expect(distanceMeters(belemTower, rossio)).toBeCloseTo(distanceMeters(rossio, belemTower), 6)
  })

  it('puts antipodes half a circumference apart, about 20,015 km', () => {
    expectWithin(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 }), 20_015_000, 0.001)
    expectWithin(distanceMeters({ lat: 10, lng: 20 }, { lat: -10, lng: -160 }), 20_015_000, 0.001)
  })
})
