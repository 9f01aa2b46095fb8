import type { DriverRoute, Driver, ShipmentPage } from '@dropmate/contracts/rest'
import { DISPATCHERS, emailOf, STAFF_DOMAIN } from '@dropmate/scripts/seed/demo-data'
import { Session } from '@dropmate/scripts/simulate-drivers/session'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  hasChromium,
  launchChromium,
  openPage,
  PASSWORD,
  PHONE,
  shot,
  signIn,
  type Watched,
} from './browser'

/**
 * A driver's stops in route order, in Chromium against `npm start`'s server on the seeded demo
 * shop: numbered in the driver's list as the route endpoint orders them, each parcel collected
 * before it is delivered, and numbered on the dispatcher's map along the route's line.
 */
describe.skipIf(!hasChromium)("a driver's stops in route order, in the browser", () => {
  let server: SeededServer
  let browser: Browser
  let staff: Session
  const watched: Watched[] = []
  /** The driver with the most parcels still to collect, and the route the API gives them. */
  let driver: Driver
  let route: DriverRoute

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-stop-order')
    browser = await launchChromium()
    staff = await Session.open(server.url, {
      email: emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN),
      password: PASSWORD,
    })
    const assigned = (await get<ShipmentPage>('/api/shipments?status=assigned&limit=100')).items
    const { items: drivers } = await get<{ items: Driver[] }>('/api/drivers')
    const toCollect = (d: Driver) => assigned.filter((s) => s.driverId === d.id).length
    driver = drivers.toSorted((a, b) => toCollect(b) - toCollect(a))[0]!
    expect(toCollect(driver)).toBeGreaterThan(0)
    route = await get<DriverRoute>(`/api/drivers/${driver.id}/route`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const get = async <T>(path: string) => {
    const reply = await staff.call({ method: 'GET', path })
    expect(reply.status, reply.text).toBe(200)
    return reply.body as T
  }

  const open = async (...options: Parameters<typeof openPage>[1][]) => {
    const opened = await openPage(browser, options[0])
    watched.push(opened)
    return opened
  }

  /** The route's stops as the pages name them: "collect DM…" or "deliver DM…". */
  const expected = () =>
    route.stops.map((s) => `${s.kind === 'pickup' ? 'collect' : 'deliver'} ${s.trackingNumber}`)

  it('has a route that collects every parcel before delivering it', () => {
    const seen = new Set<string>()
    for (const stop of route.stops) {
      if (stop.kind === 'pickup') seen.add(stop.shipmentId)
      else if (route.stops.some((s) => s.kind === 'pickup' && s.shipmentId === stop.shipmentId)) {
        expect(seen.has(stop.shipmentId), `${stop.trackingNumber} delivered before collected`).toBe(
          true,
        )
      }
    }
    expect(route.stops.length).toBeGreaterThan(1)
  })

  it("numbers the driver's stops in route order on their phone", async () => {
    const { page } = await open({ viewport: PHONE, isMobile: true, hasTouch: true })
    await signIn(page, server.url, driver.email)
    expect(new URL(page.url()).pathname).toBe('/driver')
    await expect.poll(() => page.locator('.route-note').textContent()).toContain('route order')

    const cards = page.locator('.deliveries > li')
    const labels = await cards.evaluateAll((items) =>
      items.map((item) => item.getAttribute('aria-label')),
    )
    expect(labels).toEqual(expected().map((stop, i) => `Stop ${i + 1}: ${stop}`))
    const numbers = await page.locator('.deliveries .delivery-n').allTextContents()
    expect(numbers).toEqual(route.stops.map((_, i) => String(i + 1)))
    // A drop-off whose parcel is still at the shop says where it is collected, and has no
    // buttons: its pickup card has them.
    const waiting = page.locator('[data-waits-for-pickup]').first()
    await expect.poll(() => waiting.textContent()).toMatch(/Collect it first, at stop \d+\./)
    expect(await waiting.getByRole('button').count()).toBe(0)
    await capture(page, 'driver-route')
    await waiting.scrollIntoViewIfNeeded()
    await shot(page, 'driver-route-waiting-drop-off')
  })

  it("numbers the stops on the dispatcher's map along the route line", async () => {
    const { page } = await open()
    await signIn(page, server.url, DISPATCHER)
    // Demo drivers start off duty: the panel lists them under All.
    await page
      .getByRole('group', { name: 'Which drivers' })
      .getByRole('button', { name: /^All/ })
      .click()
    const row = page.locator(`[data-driver-id="${driver.id}"]`)
    await row.getByRole('button', { name: 'Show route' }).click()

    const pins = page.locator('.leaflet-marker-pane .pin-stop .pin-shape')
    await expect.poll(() => pins.count()).toBe(route.stops.length)
    const onMap = await pins.evaluateAll((shapes) =>
      shapes
        .map((shape) => ({
          n: Number(shape.getAttribute('data-n')),
          id: shape.getAttribute('data-shipment-id'),
          kind: shape.getAttribute('data-kind'),
        }))
        .sort((a, b) => a.n - b.n),
    )
    expect(onMap).toEqual(route.stops.map((s, i) => ({ n: i + 1, id: s.shipmentId, kind: s.kind })))
    const titles = await page
      .locator('.leaflet-marker-icon.pin-stop')
      .evaluateAll((icons) => icons.map((icon) => icon.getAttribute('title')))
    expect(titles.toSorted()).toEqual(
      expected()
        .map((stop, i) => `Stop ${i + 1}: ${stop}, ${route.stops[i]!.address}`)
        .toSorted(),
    )
    // And listed under the driver, numbered the same.
    const listed = await row
      .getByRole('list', { name: 'Stops in route order' })
      .locator('li a')
      .allTextContents()
    expect(listed).toEqual(
      route.stops.map((s) => `${s.kind === 'pickup' ? 'Collect' : 'Deliver'} ${s.trackingNumber}`),
    )
    // The route's line is drawn in its own colour.
    await expect.poll(() => page.locator('path[stroke="#6d28d9"]').count()).toBe(1)
    await expect
      .poll(() => page.locator('.map-legend').textContent())
      .toContain("The driver's route, in stop order")
    await capture(page, 'dashboard-route')

    await row.getByRole('button', { name: 'Hide route' }).click()
    await expect.poll(() => pins.count()).toBe(0)
  })

  it('met no page errors', () => {
    expect(watched.flatMap((w) => w.problems)).toEqual([])
  })
})
