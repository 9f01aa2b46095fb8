import type { LatLng } from '@dropmate/core'
import { createRandom, type Random } from '../seed/random'
import { CITY_BOX, cityMap, inCentre, onLand } from './city'
import { distance, headingOf, type Point } from './geo'

export interface Intersection extends Point, LatLng {
  id: number
  /** Traffic lights: a driver may have to wait here. */
  lights: boolean
  /** In the historic centre, where engines crawl. */
  centre: boolean
}

export interface Street {
  to: number
  lengthM: number
  headingDeg: number
  avenue: boolean
}

export interface StreetGrid {
  nodes: Intersection[]
  /** The streets leaving each intersection, by its id. */
  streets: Street[][]
  /** The intersection closest to a place. */
  nearest(place: LatLng): Intersection
}

export interface GridPlan {
  seed: number
  /** The grid's tilt from north, like the Avenidas Novas; degrees clockwise. */
  tiltDeg: number
  /** Block lengths, metres: Lisbon's grids run from Baixa's 80 m to the Avenidas' 150 m. */
  blockM: [number, number]
  /** Every so many streets an avenue: faster, and with lights at its crossings. */
  avenueEvery: [number, number]
  /** Street stretches missing: stairs, pedestrian lanes, one-way the wrong way. */
  closedShare: number
  /** Ordinary crossings with lights (avenue crossings nearly always have them). */
  lightsShare: number
}

export const LISBON_PLAN: GridPlan = {
  seed: 0x11_5b_0a,
  tiltDeg: 14,
  blockM: [80, 150],
  avenueEvery: [5, 9],
  closedShare: 0.08,
  lightsShare: 0.15,
}

/**
 * A street grid laid over the land of the city box: irregular block lengths, avenues every
 * few streets, a few closed stretches, lights at most avenue crossings. The same plan always
 * gives the same streets; only the largest connected part is kept, so every intersection
 * can reach every other.
 */
export function buildStreetGrid(plan: GridPlan = LISBON_PLAN): StreetGrid {
  const random = createRandom(plan.seed)
  const tilt = (plan.tiltDeg * Math.PI) / 180
  const toGrid = ({ x, y }: Point) => ({
    u: x * Math.cos(tilt) - y * Math.sin(tilt),
    v: x * Math.sin(tilt) + y * Math.cos(tilt),
  })
  const fromGrid = (u: number, v: number): Point => ({
    x: u * Math.cos(tilt) + v * Math.sin(tilt),
    y: -u * Math.sin(tilt) + v * Math.cos(tilt),
  })
  const corners = [
    { lat: CITY_BOX.south, lng: CITY_BOX.west },
    { lat: CITY_BOX.south, lng: CITY_BOX.east },
    { lat: CITY_BOX.north, lng: CITY_BOX.west },
    { lat: CITY_BOX.north, lng: CITY_BOX.east },
  ].map((corner) => toGrid(cityMap.toPoint(corner)))
  const us = streetLines(
    random,
    plan,
    corners.map((c) => c.u),
  )
  const vs = streetLines(
    random,
    plan,
    corners.map((c) => c.v),
  )

  const ids = new Map<string, number>()
  const nodes: Intersection[] = []
  us.forEach((u, i) =>
    vs.forEach((v, j) => {
      const point = fromGrid(u.at, v.at)
      const place = cityMap.toLatLng(point)
      if (!onLand(place)) return
      const avenueCrossing = u.avenue || v.avenue
      const lights = random.chance(avenueCrossing ? 0.85 : plan.lightsShare)
      ids.set(`${i},${j}`, nodes.length)
      nodes.push({ id: nodes.length, ...point, ...place, lights, centre: inCentre(place) })
    }),
  )

  const streets: Street[][] = nodes.map(() => [])
  const connect = (a: number | undefined, b: number | undefined, avenue: boolean) => {
    if (a === undefined || b === undefined) return
    if (!avenue && random.chance(plan.closedShare)) return
    const [from, to] = [nodes[a]!, nodes[b]!]
    const lengthM = distance(from, to)
    streets[a]!.push({ to: b, lengthM, headingDeg: headingOf(from, to), avenue })
    streets[b]!.push({ to: a, lengthM, headingDeg: headingOf(to, from), avenue })
  }
  us.forEach((u, i) =>
    vs.forEach((v, j) => {
      const here = ids.get(`${i},${j}`)
      connect(here, ids.get(`${i + 1},${j}`), v.avenue)
      connect(here, ids.get(`${i},${j + 1}`), u.avenue)
    }),
  )
  return withNearest(largestPart(nodes, streets))
}

interface Line {
  at: number
  avenue: boolean
}

function streetLines(random: Random, plan: GridPlan, extent: number[]): Line[] {
  const lines: Line[] = []
  let untilAvenue = random.int(...plan.avenueEvery)
  for (
    let at = Math.min(...extent);
    at <= Math.max(...extent);
    at += random.float(...plan.blockM)
  ) {
    const avenue = --untilAvenue === 0
    if (avenue) untilAvenue = random.int(...plan.avenueEvery)
    lines.push({ at, avenue })
  }
  return lines
}

/** The connected part with the most intersections, renumbered from 0. */
function largestPart(nodes: Intersection[], streets: Street[][]) {
  const part = new Int32Array(nodes.length).fill(-1)
  let best = { part: -1, size: 0 }
  for (let start = 0, count = 0; start < nodes.length; start++) {
    if (part[start] !== -1) continue
    const stack = [start]
    part[start] = count
    let size = 0
    while (stack.length > 0) {
      size++
      for (const street of streets[stack.pop()!]!) {
        if (part[street.to] === -1) {
          part[street.to] = count
          stack.push(street.to)
        }
      }
    }
    if (size > best.size) best = { part: count, size }
    count++
  }
  const renumbered = new Int32Array(nodes.length).fill(-1)
  const kept = nodes.filter((node) => part[node.id] === best.part)
  kept.forEach((node, i) => (renumbered[node.id] = i))
  return {
    nodes: kept.map((node, i) => ({ ...node, id: i })),
    streets: kept.map((node) =>
      streets[node.id]!.map((street) => ({ ...street, to: renumbered[street.to]! })),
    ),
  }
}

function withNearest(grid: Omit<StreetGrid, 'nearest'>): StreetGrid {
  return {
    ...grid,
    // A scan of ~10 000 points takes well under a millisecond, and it runs once per trip.
    nearest(place) {
      const point = cityMap.toPoint(place)
      let best = grid.nodes[0]!
      let bestM = Infinity
      for (const node of grid.nodes) {
        const d = (node.x - point.x) ** 2 + (node.y - point.y) ** 2
        if (d < bestM) [best, bestM] = [node, d]
      }
      return best
    },
  }
}

/** The intersections between `minM` and `maxM` from a point, for picking somewhere to go. */
export function intersectionsAround(
  grid: StreetGrid,
  point: Point,
  [minM, maxM]: [number, number],
): Intersection[] {
  return grid.nodes.filter((node) => {
    const away = distance(node, point)
    return away >= minM && away <= maxM
  })
}

let lisbon: StreetGrid | undefined

/** Lisbon's grid, built on first use and shared by every driver. */
export const lisbonGrid = () => (lisbon ??= buildStreetGrid())
