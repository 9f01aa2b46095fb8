import { distanceMeters } from '@dropmate/core'
import type { VehicleType } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { SHOP } from '../seed/demo-data'
import { createRandom } from '../seed/random'
import { Mover } from './motion'
import { lisbonGrid } from './street-grid'
import { maxSpeedMps, VEHICLES } from './vehicles'

const grid = lisbonGrid()
const shop = grid.nearest(SHOP)
const graca = grid.nearest({ lat: 38.7178, lng: -9.1305 })

/** Drives `type` from the shop to Graça, 3 km across the centre, in steps of `stepMs`. */
function drive(type: VehicleType, stepMs = 1_000, seed = 1) {
  const mover = new Mover(grid, VEHICLES[type], createRandom(seed), shop)
  mover.driveTo(graca.id)
  const track = [{ ...mover.place, speedMps: 0, headingDeg: mover.headingDeg }]
  for (let t = 0; !mover.arrived && t < 3 * 3_600_000; t += stepMs) {
    mover.advance(stepMs)
    track.push({ ...mover.place, speedMps: mover.speedMps, headingDeg: mover.headingDeg })
  }
  return { mover, track, seconds: ((track.length - 1) * stepMs) / 1000 }
}

describe('Mover', () => {
  it('arrives at the crossing it was sent to, and stands there', () => {
    const { mover, track } = drive('car')
    expect(mover.arrived).toBe(true)
    expect(mover.intersection.id).toBe(graca.id)
    expect(track.at(-1)!.speedMps).toBe(0)
  })

  it('never covers more ground between two fixes than its top speed allows', () => {
    for (const type of ['bicycle', 'scooter', 'van'] as const) {
      for (const stepMs of [200, 2_000]) {
        const { track } = drive(type, stepMs)
        const fastest = Math.max(
          ...track.slice(1).map((p, i) => distanceMeters(track[i]!, p) / (stepMs / 1000)),
        )
        expect(fastest, `${type} every ${stepMs} ms`).toBeLessThanOrEqual(maxSpeedMps(type) + 1e-6)
      }
    }
  })

  it('averages a believable city pace: a bike about 15 km/h, a car slower through the centre', () => {
    const kmh = (type: VehicleType) => {
      const { track, seconds } = drive(type)
      const metres = track.slice(1).reduce((sum, p, i) => sum + distanceMeters(track[i]!, p), 0)
      return (metres / seconds) * 3.6
    }
    expect(kmh('bicycle')).toBeGreaterThan(9)
    expect(kmh('bicycle')).toBeLessThan(17)
    expect(kmh('car')).toBeGreaterThan(8)
    expect(kmh('car')).toBeLessThan(35)
  })

  it('stops and goes: stands still at lights and in traffic along the way', () => {
    const { track } = drive('car')
    const moving = track.slice(1, -1)
    expect(moving.filter((p) => p.speedMps === 0).length).toBeGreaterThan(10)
    expect(moving.filter((p) => p.speedMps > 5).length).toBeGreaterThan(10)
  })

  it('turns at crossings, heading the way the street goes', () => {
    const { track } = drive('bicycle')
    const headings = new Set(track.map((p) => Math.round(p.headingDeg)))
    expect(headings.size).toBeGreaterThanOrEqual(2)
    for (const heading of headings) expect(heading).toBeGreaterThanOrEqual(0)
  })

  it('takes a new destination at the next crossing when redirected on the way', () => {
    const mover = new Mover(grid, VEHICLES.scooter, createRandom(2), shop)
    mover.driveTo(graca.id)
    mover.advance(20_000)
    mover.driveTo(shop.id)
    for (let t = 0; !mover.arrived && t < 3_600_000; t += 1_000) mover.advance(1_000)
    expect(mover.intersection.id).toBe(shop.id)
  })
})
