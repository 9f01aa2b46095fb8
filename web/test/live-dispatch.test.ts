import { DRIVERS, emailOf, SHOP, STAFF_DOMAIN } from '@dropmate/scripts/seed/demo-data'
import { startSimulation, type Simulation } from '@dropmate/scripts/simulate-drivers'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DESKTOP,
  DISPATCHER,
  eventually,
  hasChromium,
  launchChromium,
  markerTransform,
  markWindow,
  openPage,
  PHONE,
  shot,
  signIn,
  stillSameWindow,
  type Watched,
} from './browser'

/**
 * The whole day of one parcel, in Chromium against `npm start`'s server on the seeded demo
 * shop, with simulated drivers pinging: the dispatcher creates and assigns it, the driver
 * moves it from their phone, the dispatcher's map and the public tracking page follow live.
 */
describe.skipIf(!hasChromium)('dispatching a parcel live, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  let simulation: Simulation
  let dispatcher: Watched
  const watched: Watched[] = []
  const parcel = { id: '', trackingNumber: '', driverId: '', driverEmail: '' }

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-dispatch')
    browser = await launchChromium()
    simulation = await startSimulation({
      url: server.url,
      drivers: 3,
      intervalMs: 400,
      deliver: false,
      deadZones: false,
      // Always on the move: a driver waiting on a corner would not move on the maps for up
      // to 20 s, longer than the test waits to see a marker move.
      idleMs: [0, 0],
      seed: 6,
      start: { near: SHOP, spreadM: 800 },
      reportEveryMs: 0,
      log: () => {},
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

  it('lets a dispatcher sign in, create a shipment with the map and assign a suggested driver', async () => {
    dispatcher = await open()
    const { page } = dispatcher
    await signIn(page, server.url, DISPATCHER)
    await expect.poll(() => page.locator('.rows .row').count()).toBeGreaterThan(0)
    await capture(page, 'dashboard')

    await page.locator('.list-head').getByRole('button', { name: 'New shipment' }).click()
    await page.getByRole('button', { name: 'Create shipment' }).click()
    await expect
      .poll(() => page.locator('#new-receiver-name-error').textContent())
      .toBe('Enter a name.')

    const pickup = page.getByRole('group', { name: 'Pickup (sender)' })
    await pickup.getByLabel('Name').fill(SHOP.name)
    await pickup.getByLabel('Address').fill(SHOP.address)
    await pickup.getByLabel('Latitude').fill(String(SHOP.lat))
    await pickup.getByLabel('Longitude').fill(String(SHOP.lng))
    const dropoff = page.getByRole('group', { name: 'Drop-off (receiver)' })
    await dropoff.getByLabel('Name').fill('Beatriz Web')
    await dropoff.getByLabel('Address').fill('Rua Augusta 100, Baixa, Lisboa')
    await dropoff.getByLabel('Phone (optional)').fill('+351 910 555 123')
    await dropoff.getByRole('button', { name: 'Pick on the map' }).click()
    await expect.poll(() => page.locator('.map-hint').textContent()).toContain('drop-off')
    const map = page.locator('.dash-map .map-box')
    const box = (await map.boundingBox())!
    await map.click({ position: { x: box.width * 0.6, y: box.height * 0.45 } })
    await expect.poll(() => page.locator('.map-hint').count()).toBe(0)
    const lat = Number(await dropoff.getByLabel('Latitude').inputValue())
    const lng = Number(await dropoff.getByLabel('Longitude').inputValue())
    expect(Math.abs(lat - SHOP.lat)).toBeLessThan(0.2)
    expect(Math.abs(lng - SHOP.lng)).toBeLessThan(0.2)
    await capture(page, 'dashboard-new-shipment')

    await page.getByRole('button', { name: 'Create shipment' }).click()
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/)
    parcel.id = page.url().split('/').at(-1)!
    parcel.trackingNumber = (await page.locator('#detail-title').textContent())!.trim()
    expect(await page.locator('.detail-head .chip').textContent()).toBe('Pending')
    // It joined the list at the top without a reload.
    await expect
      .poll(() => page.locator('.rows .row').first().textContent())
      .toContain('Beatriz Web')

    const suggestion = page.locator('.suggestions li').first()
    await suggestion.waitFor()
    const name = (await suggestion.locator('strong').textContent())!
    const driver = simulation.drivers.find((d) => d.name === name)
    expect(driver, `${name} is one of the simulated drivers near the shop`).toBeDefined()
    Object.assign(parcel, { driverId: driver!.id, driverEmail: driver!.email })
    await suggestion.getByRole('button', { name: `Assign to ${name}` }).click()
    await expect.poll(() => page.locator('.detail-head .chip').textContent()).toBe('Assigned')
    expect(await page.locator('.kv').textContent()).toContain(name)
    await capture(page, 'dashboard-shipment')
  })

  it('moves the driver on the dispatcher map as pings arrive, without a reload', async () => {
    const { page } = dispatcher
    await markWindow(page)
    const marker = `[data-driver-id="${parcel.driverId}"]`
    const first = await eventually(() => markerTransform(page, marker), Boolean, {
      what: 'the driver marker',
    })
    await eventually(
      () => markerTransform(page, marker),
      (now) => now !== first,
      { what: 'the driver marker to move' },
    )
    expect(await stillSameWindow(page)).toBe(true)

    // On a phone the map is a pane of its own, markers and all.
    await page.setViewportSize(PHONE)
    await page
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('button', { name: 'Map' })
      .click()
    await page.waitForTimeout(500)
    expect(await page.locator(`.leaflet-marker-icon:has(${marker})`).isVisible()).toBe(true)
    await shot(page, 'dashboard-map')
    await page
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('button', { name: 'Shipment', exact: true })
      .click()
    await page.setViewportSize(DESKTOP)
  })

  it('shows the driver view’s moves live on the tracking page and the dashboard', async () => {
    const tracking = await open({ viewport: PHONE, isMobile: true, hasTouch: true })
    await tracking.page.goto(`${server.url}/track/${parcel.trackingNumber}`)
    const status = tracking.page.locator('#track-status')
    await expect.poll(() => status.textContent()).toBe('Driver assigned')
    await markWindow(tracking.page)
    // Assigned, not in transit: the public page shows no driver.
    expect(await tracking.page.locator('[data-role="driver"]').count()).toBe(0)

    const driver = await open({ viewport: PHONE, isMobile: true, hasTouch: true })
    await signIn(driver.page, server.url, parcel.driverEmail)
    expect(new URL(driver.page.url()).pathname).toBe('/driver')
    const card = driver.page.locator(`[data-shipment-id="${parcel.id}"]`)
    await card.waitFor()
    await capture(driver.page, 'driver')

    const dashboardChip = dispatcher.page.locator('.detail-head .chip')
    await card.getByRole('button', { name: 'Picked up' }).click()
    await expect.poll(() => status.textContent()).toBe('Picked up')
    await expect.poll(() => dashboardChip.textContent()).toBe('Picked up')

    await card.getByRole('button', { name: 'Start delivery' }).click()
    await expect.poll(() => status.textContent()).toBe('Out for delivery')
    await expect.poll(() => dashboardChip.textContent()).toBe('In transit')
    // In transit: the driver appears on the public map and moves with the pings.
    const onTrack = '[data-role="driver"]'
    const first = await eventually(() => markerTransform(tracking.page, onTrack), Boolean, {
      what: 'the driver on the tracking page',
    })
    await eventually(
      () => markerTransform(tracking.page, onTrack),
      (now) => now !== first,
      { what: 'the driver to move on the tracking page' },
    )
    await expect
      .poll(() => tracking.page.locator('.eta').textContent())
      .toContain('Arriving between')
    await capture(tracking.page, 'tracking-in-transit')

    await card.getByRole('button', { name: 'Failed…' }).click()
    await card.getByLabel('What went wrong?').fill('Nobody home')
    await card.getByRole('button', { name: 'Report failed delivery' }).click()
    await expect.poll(() => status.textContent()).toBe('Delivery attempt failed')
    await expect.poll(() => tracking.page.locator(onTrack).count()).toBe(0)
    await expect.poll(() => dashboardChip.textContent()).toBe('Failed')

    await card.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => status.textContent()).toBe('Out for delivery')
    await card.getByRole('button', { name: 'Delivered' }).click()
    // Delivered asks for proof first: here, who took it.
    await card.getByLabel('Who took it?').fill('Rita Sousa')
    await card.getByRole('button', { name: 'Confirm delivery' }).click()
    await expect.poll(() => status.textContent()).toBe('Delivered')
    await expect.poll(() => dashboardChip.textContent()).toBe('Delivered')
    await expect.poll(() => tracking.page.locator(onTrack).count()).toBe(0)
    await expect.poll(() => card.count()).toBe(0)
    // The timeline is refetched after the chip changes: wait for it, not for the chip.
    const timeline = () => dispatcher.page.locator('.detail .timeline').textContent()
    await expect.poll(timeline).toContain('Delivered')
    for (const step of ['Assigned', 'Picked up', 'In transit', 'Failed']) {
      expect(await timeline()).toContain(step)
    }
    expect(await stillSameWindow(tracking.page)).toBe(true)
    expect(await stillSameWindow(dispatcher.page)).toBe(true)
    await capture(tracking.page, 'tracking-delivered')
  })

  it('shares the driver’s own position from the phone, queued while offline and sent as one batch', async () => {
    const demo = DRIVERS[5]!
    const here = { latitude: 38.7169, longitude: -9.1399 }
    const phone = await open({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: here,
    })
    await signIn(phone.page, server.url, emailOf(demo.name, STAFF_DOMAIN))
    // A new phone knows nothing locally: the duty status shown is the server's.
    await expect.poll(() => phone.page.locator('.duty-button[aria-pressed="true"]').count()).toBe(1)
    await phone.page.getByRole('button', { name: 'On duty' }).click()
    await expect
      .poll(() => phone.page.locator('.share-row .meta').textContent())
      .toMatch(/Last sent/)
    const driverId = await phone.page.evaluate(
      () => JSON.parse(localStorage.getItem('dropmate.session')!).account.driverId as string,
    )
    const marker = `[data-driver-id="${driverId}"]`
    await dispatcher.page.goto(`${server.url}/`)
    const before = await eventually(() => markerTransform(dispatcher.page, marker), Boolean, {
      what: 'the phone’s driver on the dispatcher map',
    })

    await phone.page.context().setOffline(true)
    for (const step of [1, 2, 3]) {
      await phone.page.context().setGeolocation({
        latitude: here.latitude + step * 0.003,
        longitude: here.longitude + step * 0.003,
      })
      await phone.page.waitForTimeout(5_200)
    }
    await expect
      .poll(() => phone.page.locator('.share-row .meta').textContent())
      .toMatch(/[2-9] positions waiting for a connection/)
    await capture(phone.page, 'driver-offline')
    await phone.page.context().setOffline(false)
    await expect
      .poll(() => phone.page.locator('.share-row .meta').textContent(), { timeout: 20_000 })
      .toMatch(/Last sent/)
    await eventually(
      () => markerTransform(dispatcher.page, marker),
      (now) => now !== before,
      { what: 'the batch to move the driver on the dispatcher map' },
    )
  })

  it('ran every page without script errors or refused content', () => {
    expect(watched.flatMap((w) => w.problems)).toEqual([])
  })
})
