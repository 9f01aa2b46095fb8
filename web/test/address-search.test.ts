import { startFakeGeocoder, fixture, type FakeGeocoder } from '@dropmate/geocoding/testing'
import { SHOP } from '@dropmate/scripts/seed/demo-data'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  hasChromium,
  launchChromium,
  markerTransform,
  openPage,
  signIn,
  type Watched,
} from './browser'

const RUA_AUGUSTA = '150, Rua Augusta, Baixa, Santa Maria Maior, Lisboa, 1100-053, Portugal'

/**
 * Addresses in the create form, in Chromium against `npm start`'s server on the seeded demo
 * shop, with a local server speaking the Nominatim API (recorded answers) as its geocoder.
 */
describe.skipIf(!hasChromium)('address search in the create form, in the browser', () => {
  let geocoder: FakeGeocoder
  let server: SeededServer
  let browser: Browser
  let dispatcher: Watched
  let geocoderDown = false

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    geocoder = await startFakeGeocoder()
    geocoder.answer(({ path }) => {
      if (geocoderDown) return { status: 503, body: { error: 'overloaded' } }
      return path === '/reverse' ? { body: fixture('reverse-rua-augusta') } : { body: [] }
    })
    server = await startSeededServer('web-geocode', { env: { GEOCODER_URL: geocoder.url } })
    browser = await launchChromium()
    dispatcher = await openPage(browser)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await geocoder?.close()
  })

  const dropoff = () => dispatcher.page.getByRole('group', { name: 'Drop-off (receiver)' })
  const dropoffMarker = '[data-point="dropoff"]'

  it('fills the address of a point clicked on the map', async () => {
    const { page } = dispatcher
    await signIn(page, server.url, DISPATCHER)
    await page.locator('.list-head').getByRole('button', { name: 'New shipment' }).click()
    await dropoff().getByRole('button', { name: 'Pick on the map' }).click()
    const map = page.locator('.dash-map .map-box')
    const box = (await map.boundingBox())!
    await map.click({ position: { x: box.width * 0.4, y: box.height * 0.5 } })
    await expect.poll(() => dropoff().getByLabel('Address').inputValue()).toBe(RUA_AUGUSTA)
    expect(geocoder.seen.map((request) => request.path)).toContain('/reverse')
  })

  it('suggests addresses as they are typed, and a chosen one sets the address and moves the pin', async () => {
    const { page } = dispatcher
    const before = await markerTransform(page, dropoffMarker)
    const address = dropoff().getByLabel('Address')
    await address.fill('')
    await address.pressSequentially('estrela 12', { delay: 40 })
    const suggestion = dropoff().getByRole('option', { name: SHOP.address })
    await suggestion.waitFor()
    await capture(page, 'dashboard-address-suggestions')

    await suggestion.click()
    expect(await address.inputValue()).toBe(SHOP.address)
    expect(await dropoff().getByLabel('Latitude').inputValue()).toBe(SHOP.lat.toFixed(5))
    expect(await dropoff().getByLabel('Longitude').inputValue()).toBe(SHOP.lng.toFixed(5))
    expect(await dropoff().getByRole('option').count()).toBe(0)
    await expect.poll(() => markerTransform(page, dropoffMarker)).not.toBe(before)
    // The map brings the chosen place into view.
    const map = (await page.locator('.dash-map .map-box').boundingBox())!
    await expect
      .poll(async () => {
        const pin = (await page.locator(dropoffMarker).boundingBox())!
        const [x, y] = [pin.x + pin.width / 2, pin.y + pin.height / 2]
        return x > map.x && x < map.x + map.width && y > map.y && y < map.y + map.height
      })
      .toBe(true)
    await capture(page, 'dashboard-address-chosen')
  })

  it('says when no geocoder answers, and the shipment is still made with typed coordinates', async () => {
    const { page } = dispatcher
    geocoderDown = true
    const address = dropoff().getByLabel('Address')
    await address.fill('')
    await address.pressSequentially('Avenida Inexistente 9', { delay: 20 })
    await expect
      .poll(() => dropoff().locator('.field-note').textContent())
      .toContain('Address search is unavailable right now')
    await capture(page, 'dashboard-address-unavailable')

    // A map click still sets the point, and says why the address stays to be typed.
    await address.fill('')
    await expect.poll(() => dropoff().locator('.field-note').count()).toBe(0)
    await dropoff().getByRole('button', { name: 'Pick on the map' }).click()
    const map = page.locator('.dash-map .map-box')
    const box = (await map.boundingBox())!
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.4 } })
    await expect
      .poll(() => dropoff().locator('.field-note').textContent())
      .toContain('The address of this point cannot be looked up right now: type it.')
    expect(await address.inputValue()).toBe('')
    await capture(page, 'dashboard-address-click-unavailable')

    await address.fill('Avenida Inexistente 9, Lisboa')

    await dropoff().getByLabel('Latitude').fill('38.72')
    await dropoff().getByLabel('Longitude').fill('-9.15')
    await dropoff().getByLabel('Name').fill('Sem Geocoder')
    const pickup = page.getByRole('group', { name: 'Pickup (sender)' })
    await pickup.getByLabel('Name').fill(SHOP.name)
    await pickup.getByLabel('Address').fill(SHOP.address)
    await pickup.getByLabel('Latitude').fill(String(SHOP.lat))
    await pickup.getByLabel('Longitude').fill(String(SHOP.lng))
    await page.getByRole('button', { name: 'Create shipment' }).click()
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/)
    expect(dispatcher.problems).toEqual([])
  })

  it("suggests in the edit form too, and a chosen one sets the drop-off's point", async () => {
    const { page } = dispatcher
    await page.getByRole('button', { name: 'Edit shipment…' }).click()
    const form = page.getByRole('form', { name: 'Edit the shipment' })
    const address = form.getByLabel('Drop-off address')
    await address.fill('')
    await address.pressSequentially('estrela 12', { delay: 40 })
    const suggestion = form.getByRole('option', { name: SHOP.address })
    await suggestion.waitFor()
    await capture(page, 'dashboard-edit-address-suggestions')
    await suggestion.click()
    expect(await address.inputValue()).toBe(SHOP.address)
    expect(Number(await form.getByLabel('Latitude').inputValue())).toBe(SHOP.lat)
    expect(Number(await form.getByLabel('Longitude').inputValue())).toBe(SHOP.lng)
    expect(dispatcher.problems).toEqual([])
  })
})
