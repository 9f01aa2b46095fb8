import { describe, expect, it } from 'vitest'
import { SHOP } from '../seed/demo-data'
import { nextStop, type Job } from './deliveries'

const ALFAMA = { lat: 38.7115, lng: -9.1297 }
const LAPA = { lat: 38.709, lng: -9.162 }
const BELEM = { lat: 38.6976, lng: -9.202 }

const job = (id: string, status: Job['status'], dropoff: Job['dropoff']): Job => ({
  id,
  trackingNumber: `DM${id}`,
  status,
  pickup: SHOP,
  dropoff,
})

describe('nextStop', () => {
  it('has nothing to do without jobs', () => {
    expect(nextStop(SHOP, [])).toBeNull()
  })

  it('collects everything waiting at the shop in one stop', () => {
    const jobs = [
      job('1', 'assigned', ALFAMA),
      job('2', 'in_transit', LAPA),
      job('3', 'assigned', BELEM),
    ]
    expect(nextStop(SHOP, jobs)).toEqual({ kind: 'pickup', place: SHOP, jobs: [jobs[0], jobs[2]] })
  })

  it('drops off at the nearest door first, with every parcel for that door', () => {
    const jobs = [
      job('1', 'in_transit', BELEM),
      job('2', 'in_transit', LAPA),
      job('3', 'in_transit', LAPA),
    ]
    expect(nextStop(ALFAMA, jobs)).toEqual({
      kind: 'dropoff',
      place: LAPA,
      jobs: [jobs[1], jobs[2]],
    })
  })

  it('goes back for a pickup when the shop is nearer than any door', () => {
    const jobs = [job('1', 'in_transit', ALFAMA), job('2', 'assigned', BELEM)]
    expect(nextStop(LAPA, jobs)?.kind).toBe('pickup')
  })
})
