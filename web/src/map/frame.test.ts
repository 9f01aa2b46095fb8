import { describe, expect, it } from 'vitest'
import { metresPerPixel, trackingFrame } from './frame'

const phoneMap = { width: 358, height: 300 }
const padding = { x: 90, y: 120 }
const driver = { lat: 38.7135, lng: -9.1605 }
const courierMps = 20 / 3.6

/** How fast a courier at 20 km/h, the slow end of a city courier's pace, crosses the screen. */
const pixelsPerSecond = (zoom: number) => courierMps / metresPerPixel(driver.lat, zoom)

describe('trackingFrame', () => {
  it('follows a driver far from the door at street level, where they are seen moving', () => {
    const belem = { lat: 38.6976, lng: -9.202 }
    const frame = trackingFrame(driver, belem, phoneMap, padding)
    expect(frame.fit).toBe('driver')
    expect(pixelsPerSecond(frame.zoom)).toBeGreaterThanOrEqual(3)
  })

  it('shows driver and door together once both fit at a zoom where the driver still moves', () => {
    const nextStreet = { lat: 38.7142, lng: -9.1601 }
    const frame = trackingFrame(driver, nextStreet, phoneMap, padding)
    expect(frame.fit).toBe('both')
    expect(pixelsPerSecond(frame.zoom)).toBeGreaterThanOrEqual(2.5)
  })

  it('never zooms in past street level, even with the driver at the door', () => {
    expect(trackingFrame(driver, driver, phoneMap, padding)).toEqual({ fit: 'both', zoom: 17 })
  })
})

describe('metresPerPixel', () => {
  it('matches the web map scale: about 1.19 m at zoom 17 on the equator', () => {
    expect(metresPerPixel(0, 17)).toBeCloseTo(1.194, 3)
    expect(metresPerPixel(38.7, 17)).toBeCloseTo(0.932, 2)
  })
})
