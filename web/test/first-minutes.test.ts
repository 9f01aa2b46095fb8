import { distanceMeters } from '@dropmate/core'
import type { Driver, ShipmentPage, TrackingView } from '@dropmate/contracts/rest'
import { DISPATCHERS, emailOf, STAFF_DOMAIN } from '@dropmate/scripts/seed/demo-data'
import { startSimulation, type Simulation } from '@dropmate/scripts/simulate-drivers'
import { Session } from '@dropmate/scripts/simulate-drivers/session'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  eventually,
  hasChromium,
  launchChromium,
  openPage,
  PASSWORD,
  PHONE,
  signIn,
  type Watched,
} from './browser'

/**
 * What a new user meets in their first minutes: the seeded demo shop with the simulated
 * drivers on duty, the dashboard's map and drivers, and a parcel on its way.
 */
describe.skipIf(!hasChromium)('the demo shop as a new user first sees it', () => {
  let server: SeededServer
  let browser: Browser
  let simulation: Simulation
  let staff: Session
  const watched: Watched[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-first-minutes')
    browser = await launchChromium()
    simulation = await startSimulation({
      url: server.url,
      drivers: 10,
      intervalMs: 500,
      // They keep what they hold: the parcels in transit stay in transit while the test looks.
      deliver: false,
      deadZones: false,
      idleMs: [0, 0],
      seed: 18,
      reportEveryMs: 0,
      log: () => {},
    })
    staff = await Session.open(server.url, {
      email: emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN),
      password: PASSWORD,
    })
  }, 120_000)

  afterAll(async () => {
    await simulation?.stop()
    await browser?.close()
    await server?.close()
  })

  const open = async (...options: Parameters<typeof openPage>[1][]) => {
    const opened = await openPage(browser, options[0])
    watched.push(opened)
    return opened
  }

  const get = async <T>(path: string) => {
    const reply = await staff.call({ method: 'GET', path })
    expect(reply.status, reply.text).toBe(200)
    return reply.body as T
  }

  /** What the legend's entries say. */
  const legendOf = (page: Page, scope: string) =>
    page
      .locator(`${scope} .map-legend li`)
      .evaluateAll((items) => items.map((item) => item.textContent?.trim() ?? ''))

  let dispatcher: Watched

  it('shows a driver with open parcels as busy, and one without as available', async () => {
    // Every simulated driver went on duty as "available", as a phone does.
    const { items } = await get<{ items: Driver[] }>('/api/drivers')
    const onDuty = items.filter((d) => simulation.drivers.some((s) => s.id === d.id))
    const loaded = onDuty.find((d) => d.activeShipments > 0)!
    const free = onDuty.find((d) => d.activeShipments === 0)!
    expect(loaded.dutyStatus).toBe('available')
    expect(free.dutyStatus).toBe('available')

    dispatcher = await open()
    const { page } = dispatcher
    await signIn(page, server.url, DISPATCHER)
    const chip = (id: string) => page.locator(`.drivers [data-driver-id="${id}"] .chip`)
    await expect.poll(() => chip(loaded.id).textContent()).toBe('Busy')
    expect(await chip(free.id).textContent()).toBe('Available')
    // On the map too: the busy driver's marker is drawn busy, the free one's is not.
    const marker = (id: string) =>
      page.locator('.leaflet-marker-icon', { has: page.locator(`[data-driver-id="${id}"]`) })
    await eventually(
      () => marker(loaded.id).getAttribute('class'),
      (classes) => / busy/.test(classes ?? ''),
      { what: `${loaded.name}'s marker drawn busy` },
    )
    await eventually(
      () => marker(free.id).getAttribute('class'),
      (classes) => classes !== null && !/ busy/.test(classes),
      { what: `${free.name}'s marker drawn available` },
    )
  })

  it('explains every kind of marker on the dashboard map in a legend', async () => {
    const { page } = dispatcher
    const legend = await legendOf(page, '.dash-map')
    expect(legend).toEqual([
      'Driver, available',
      'Driver, busy',
      'Driver, not heard from lately',
      'Drop-off, waiting for a driver',
      'Drop-off, assigned',
      'Drop-off, picked up or on its way',
      'Drop-off, failed attempt',
      'Pickup of the open shipment',
      'Driver on the way to the door',
    ])
    // Every marker drawn has an entry that looks like it: same colour, same shape.
    const looks = (selector: string) =>
      page.locator(selector).evaluateAll((shapes) =>
        shapes.map((shape) => {
          const style = getComputedStyle(shape)
          return `${style.backgroundColor} ${style.borderRadius} ${style.transform}`
        }),
      )
    const drawn = new Set(await looks('.dash-map .leaflet-marker-icon .pin-shape'))
    expect(drawn.size).toBeGreaterThan(1)
    const explained = new Set(await looks('.dash-map .map-legend .pin-shape'))
    for (const look of drawn) expect(explained).toContain(look)
    await capture(page, 'dashboard-legend')
  })

  it('opens a parcel on its way close enough to see its driver move, with a legend', async () => {
    const page: ShipmentPage = await get('/api/shipments?status=in_transit&limit=100')
    const moving = page.items.filter((s) => simulation.drivers.some((d) => d.id === s.driverId))
    // The farthest from its driver: a view of both would be zoomed out of the street.
    const far = moving
      .map((s) => ({
        s,
        away: distanceMeters(simulation.drivers.find((d) => d.id === s.driverId)!.position, {
          lat: s.receiver.lat,
          lng: s.receiver.lng,
        }),
      }))
      .sort((a, b) => b.away - a.away)[0]!
    expect(far.away).toBeGreaterThan(1_000)

    const tracking = await open({ viewport: PHONE, isMobile: true, hasTouch: true })
    await tracking.page.goto(`${server.url}/track/${far.s.trackingNumber}`)
    const driver = tracking.page.locator('.leaflet-marker-icon', {
      has: tracking.page.locator('[data-role="driver"]'),
    })
    await driver.waitFor()
    await tracking.page.waitForTimeout(1_000)
    // Metres per screen pixel, from the driver's and the destination's markers.
    const centre = async (selector: string) => {
      const box = (await tracking.page.locator(selector).first().boundingBox())!
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    }
    const [atDriver, atHome] = [
      await centre('.leaflet-marker-icon:has([data-role="driver"])'),
      await centre('.leaflet-marker-icon.pin-home'),
    ]
    const view = await get<TrackingView>(`/api/shipments/track/${far.s.trackingNumber}`)
    const metres = distanceMeters(view.driverPosition!, view.destination)
    const pixels = Math.hypot(atDriver.x - atHome.x, atDriver.y - atHome.y)
    const courierMps = 20 / 3.6
    // A courier at a city pace moves several pixels a second on the page as it opens.
    expect(courierMps / (metres / pixels)).toBeGreaterThanOrEqual(2.5)

    const legend = await legendOf(tracking.page, '.track-map')
    expect(legend).toEqual(['Your driver', 'Delivery area', 'Straight line to the delivery area'])
    await capture(tracking.page, 'tracking-first-minutes')
  })

  it('ran every page without script errors or refused content', () => {
    expect(watched.flatMap((w) => w.problems)).toEqual([])
  })
})
