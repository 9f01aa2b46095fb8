import { distanceMeters } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { SHOP } from '../seed/demo-data'
import { planRoute } from './route'
import { lisbonGrid } from './street-grid'

const grid = lisbonGrid()
const shop = grid.nearest(SHOP)
const alfama = grid.nearest({ lat: 38.7115, lng: -9.1297 })
const alvalade = grid.nearest({ lat: 38.7535, lng: -9.1425 })

const lengthOf = (route: number[]) =>
  route
    .slice(1)
    .reduce(
      (sum, to, i) => sum + grid.streets[route[i]!]!.find((street) => street.to === to)!.lengthM,
      0,
    )

describe('planRoute', () => {
  it('goes street by street from one crossing to the other', () => {
    const route = planRoute(grid, shop.id, alfama.id)
    expect(route[0]).toBe(shop.id)
    expect(route.at(-1)).toBe(alfama.id)
    for (let i = 1; i < route.length; i++) {
      expect(grid.streets[route[i - 1]!]!.some((street) => street.to === route[i])).toBe(true)
    }
  })

  it('drives not much further than a grid must: under twice the distance as the crow flies', () => {
    for (const to of [alfama, alvalade]) {
      const length = lengthOf(planRoute(grid, shop.id, to.id))
      const crow = distanceMeters(shop, to)
      expect(length).toBeGreaterThanOrEqual(crow * 0.99)
      expect(length).toBeLessThan(crow * 2)
    }
  })

  it('takes avenues for part of a long trip', () => {
    const route = planRoute(grid, shop.id, alvalade.id)
    const onAvenues = route
      .slice(1)
      .filter((to, i) => grid.streets[route[i]!]!.find((street) => street.to === to)!.avenue)
    expect(onAvenues.length).toBeGreaterThan(0)
  })

  it('is just the crossing itself when already there', () => {
    expect(planRoute(grid, shop.id, shop.id)).toEqual([shop.id])
  })
})
