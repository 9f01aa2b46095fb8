import { distanceMeters } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { CITY_BOX, inBox, onLand } from './city'
import { buildStreetGrid, lisbonGrid, LISBON_PLAN } from './street-grid'

const grid = lisbonGrid()
const streets = grid.streets.flat()

describe('the Lisbon street grid', () => {
  it('lays every intersection on land inside the city box', () => {
    expect(grid.nodes.length).toBeGreaterThan(3_000)
    expect(grid.nodes.filter((node) => !inBox(node, CITY_BOX) || !onLand(node))).toEqual([])
  })

  it('has blocks of 80 to 150 metres, and some avenues', () => {
    const lengths = streets.map((street) => street.lengthM)
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(80)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(150)
    const avenues = streets.filter((street) => street.avenue).length
    expect(avenues / streets.length).toBeGreaterThan(0.05)
    expect(avenues / streets.length).toBeLessThan(0.4)
  })

  it('puts lights at most avenue crossings and some others', () => {
    const onAvenue = grid.nodes.filter((node) => grid.streets[node.id]!.some((s) => s.avenue))
    const lit = (nodes: typeof grid.nodes) =>
      nodes.filter((node) => node.lights).length / nodes.length
    expect(lit(onAvenue)).toBeGreaterThan(0.6)
    expect(lit(grid.nodes)).toBeGreaterThan(0.15)
  })

  it('is two-way and connected: every street has its way back, every crossing is reachable', () => {
    for (const node of grid.nodes) {
      for (const street of grid.streets[node.id]!) {
        expect(grid.streets[street.to]!.some((back) => back.to === node.id)).toBe(true)
      }
    }
    const reached = new Set([0])
    const stack = [0]
    while (stack.length > 0) {
      for (const street of grid.streets[stack.pop()!]!) {
        if (reached.has(street.to)) continue
        reached.add(street.to)
        stack.push(street.to)
      }
    }
    expect(reached.size).toBe(grid.nodes.length)
  })

  it('finds the crossing nearest a place within half a block’s diagonal of it', () => {
    const rossio = { lat: 38.7139, lng: -9.1394 }
    expect(distanceMeters(grid.nearest(rossio), rossio)).toBeLessThan(Math.hypot(75, 75))
  })

  it('is the same every time it is built from the same plan', () => {
    const again = buildStreetGrid(LISBON_PLAN)
    expect(again.nodes.length).toBe(grid.nodes.length)
    expect(again.nodes[100]).toEqual(grid.nodes[100])
  })
})
