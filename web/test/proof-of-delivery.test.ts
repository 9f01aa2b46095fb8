import type { Driver, Shipment } from '@dropmate/contracts/rest'
import { logIn } from '@dropmate/scripts/lib/log-in'
import { DRIVERS, emailOf, STAFF_DOMAIN } from '@dropmate/scripts/seed/demo-data'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser, Page } from 'playwright-core'
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
  signIn,
  type Watched,
} from './browser'

const RECIPIENT = 'Rita Sousa'
// The phone's camera, resizing and uploads take their time on a busy machine.
const PATIENT = { timeout: 20_000 }

/**
 * Proof of delivery in Chromium against `npm start`'s server on the demo shop (files in its
 * embedded object store): the driver photographs the parcel at the door (Chromium's fake
 * camera live, and the phone's camera input given a generated photo larger than the phone
 * keeps), has the recipient sign on screen and names them; the dashboard shows all of it, the tracking page the photo only.
 */
describe.skipIf(!hasChromium)('proof of delivery, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  let token: string
  let driver: { id: string; email: string }
  const watched: Watched[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-proof')
    // Chromium's fake camera: a moving test pattern, 640×480, with no permission prompt.
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ])
    token = (await logIn(server.url, { email: DISPATCHER, password: PASSWORD })).accessToken
    const { name } = DRIVERS[0]!
    const { items } = (await api('GET', '/api/drivers')) as { items: Driver[] }
    driver = { id: items.find((d) => d.name === name)!.id, email: emailOf(name, STAFF_DOMAIN) }
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function api(method: string, path: string, json?: unknown, bearer = token) {
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }

  /** A new parcel for the driver, walked by the API to out-for-delivery. */
  const parcelOnItsWay = async (): Promise<Shipment> => {
    const driverToken = (await logIn(server.url, { email: driver.email, password: PASSWORD }))
      .accessToken
    await api('PATCH', `/api/drivers/${driver.id}`, { dutyStatus: 'available' }, driverToken)
    const created = (await api('POST', '/api/shipments', {
      sender: {
        name: 'Padaria Estrela',
        address: 'Rua da Estrela 12, Lisboa',
        lat: 38.7135,
        lng: -9.1605,
      },
      receiver: {
        name: RECIPIENT,
        address: 'Rua dos Remédios 4, Lisboa',
        lat: 38.7118,
        lng: -9.1306,
      },
    })) as Shipment
    await api('POST', `/api/shipments/${created.id}/assign`, { driverId: driver.id })
    for (const status of ['picked_up', 'in_transit']) {
      await api('PATCH', `/api/shipments/${created.id}/status`, { status }, driverToken)
    }
    return created
  }

  /** A 2400×1800 "photo" of a parcel on a doorstep, as a phone camera would hand it over. */
  const cameraPhoto = async (page: Page) => {
    const dataUrl = await page.evaluate(() => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 2400, height: 1800 })
      const pen = canvas.getContext('2d')!
      pen.fillStyle = '#8b5e34'
      pen.fillRect(0, 0, 2400, 1800)
      pen.fillStyle = '#d9a441'
      pen.fillRect(800, 700, 800, 600)
      pen.fillStyle = '#fff'
      pen.font = 'bold 160px sans-serif'
      pen.fillText('PARCEL', 880, 1050)
      return canvas.toDataURL('image/png')
    })
    return {
      name: 'door.png',
      mimeType: 'image/png',
      buffer: Buffer.from(dataUrl.split(',')[1]!, 'base64'),
    }
  }

  const sign = async (page: Page, card: ReturnType<Page['locator']>) => {
    const pad = card.locator('canvas.signature-pad')
    const box = (await pad.boundingBox())!
    await page.mouse.move(box.x + 20, box.y + box.height * 0.7)
    await page.mouse.down()
    for (let step = 1; step <= 12; step++) {
      const x = box.x + 20 + (step * (box.width - 40)) / 12
      await page.mouse.move(x, box.y + box.height * (step % 2 ? 0.3 : 0.7), { steps: 3 })
    }
    await page.mouse.up()
  }

  const loaded = (page: Page, selector: string) =>
    page.locator(selector).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)

  it('records photo, signature and name at the door, shown whole to the dispatcher and as a photo to the customer', async () => {
    const parcel = await parcelOnItsWay()
    const phone = await openPage(browser, { viewport: PHONE })
    watched.push(phone)
    await signIn(phone.page, server.url, driver.email)
    const card = phone.page.locator(`[data-shipment-id="${parcel.id}"]`)
    await card.getByRole('button', { name: 'Delivered' }).click()
    // One photo from the live camera, one from the phone's camera app.
    await card.getByRole('button', { name: 'Live camera' }).click()
    await card.getByRole('button', { name: 'Take the photo' }).click()
    await expect.poll(() => card.locator('.proof-photos img').count(), PATIENT).toBe(1)
    await card.locator('input[type="file"]').setInputFiles(await cameraPhoto(phone.page))
    await expect.poll(() => card.locator('.proof-photos img').count(), PATIENT).toBe(2)
    await sign(phone.page, card)
    await card.getByLabel('Who took it?').fill(RECIPIENT)
    await card.scrollIntoViewIfNeeded()
    await capture(phone.page, 'proof-driver-capture')
    await card.getByRole('button', { name: 'Confirm delivery' }).click()
    await expect.poll(() => card.count(), PATIENT).toBe(0)

    const dashboard = await openPage(browser)
    watched.push(dashboard)
    await signIn(dashboard.page, server.url, DISPATCHER)
    await dashboard.page.goto(`${server.url}/shipments/${parcel.id}`)
    const proof = dashboard.page.locator('section.proof')
    await expect.poll(() => proof.textContent(), PATIENT).toContain(RECIPIENT)
    // The fake camera's frame as it was; the big photo resized on the phone, its longest side
    // down from 2400 to 1600 pixels.
    await expect.poll(() => loaded(dashboard.page, 'img[alt="Proof photo 1"]'), PATIENT).toBe(640)
    await expect.poll(() => loaded(dashboard.page, 'img[alt="Proof photo 2"]'), PATIENT).toBe(1600)
    await expect
      .poll(() => loaded(dashboard.page, 'img[alt="Recipient\'s signature"]'), PATIENT)
      .toBe(720)
    await proof.scrollIntoViewIfNeeded()
    await capture(dashboard.page, 'proof-dashboard')

    const tracking = await openPage(browser, { viewport: PHONE })
    watched.push(tracking)
    await tracking.page.goto(`${server.url}/track/${parcel.trackingNumber}`)
    const shown = tracking.page.locator('section.track-proof')
    await expect.poll(() => shown.textContent(), PATIENT).toContain('Proof of delivery')
    await expect.poll(() => loaded(tracking.page, 'img[alt="Delivery photo 1"]'), PATIENT).toBe(640)
    await expect
      .poll(() => loaded(tracking.page, 'img[alt="Delivery photo 2"]'), PATIENT)
      .toBe(1600)
    expect(await shown.textContent()).toContain('received by R. S.')
    expect(await shown.locator('img').count()).toBe(2)
    expect(await tracking.page.locator('img[alt*="ignature"]').count()).toBe(0)
    expect(await tracking.page.content()).not.toContain('Sousa')
    await shown.scrollIntoViewIfNeeded()
    await capture(tracking.page, 'proof-tracking')

    for (const { problems } of watched) expect(problems).toEqual([])
  }, 180_000)

  it('keeps a delivery made offline on the phone, photo and all, and sends it once back online', async () => {
    const parcel = await parcelOnItsWay()
    const phone = await openPage(browser, { viewport: PHONE })
    await signIn(phone.page, server.url, driver.email)
    const card = phone.page.locator(`[data-shipment-id="${parcel.id}"]`)
    await card.getByRole('button', { name: 'Delivered' }).click()
    await card.locator('input[type="file"]').setInputFiles(await cameraPhoto(phone.page))
    await card.getByText('Left at the door').click()
    await expect.poll(() => card.locator('.proof-photos img').count(), PATIENT).toBe(1)

    await phone.page.context().setOffline(true)
    await card.getByRole('button', { name: 'Confirm delivery' }).click()
    await expect.poll(() => card.textContent(), PATIENT).toContain('Saved on the phone')
    await capture(phone.page, 'proof-driver-offline')
    expect(((await api('GET', `/api/shipments/${parcel.id}`)) as Shipment).status).toBe(
      'in_transit',
    )

    await phone.page.context().setOffline(false)
    await expect
      .poll(async () => ((await api('GET', `/api/shipments/${parcel.id}`)) as Shipment).status, {
        timeout: 30_000,
      })
      .toBe('delivered')
    const { proofs } = (await api('GET', `/api/shipments/${parcel.id}/proof`)) as {
      proofs: Array<{ leftAtDoor: boolean; photoUrls: string[] }>
    }
    expect(proofs).toMatchObject([{ leftAtDoor: true, photoUrls: [expect.any(String)] }])
    expect(phone.problems).toEqual([])
  }, 120_000)

  it('sends a delivery the server could not take again by itself, with no online event', async () => {
    const parcel = await parcelOnItsWay()
    const phone = await openPage(browser, { viewport: PHONE })
    await signIn(phone.page, server.url, driver.email)
    // The server struggles for the first two tries of the move; the phone stays online.
    let refused = 0
    await phone.page.route(`**/api/shipments/${parcel.id}/status`, (route) =>
      refused++ < 2
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' })
        : route.continue(),
    )
    const card = phone.page.locator(`[data-shipment-id="${parcel.id}"]`)
    await card.getByRole('button', { name: 'Delivered' }).click()
    await card.locator('input[type="file"]').setInputFiles(await cameraPhoto(phone.page))
    await card.getByText('Left at the door').click()
    await expect.poll(() => card.locator('.proof-photos img').count(), PATIENT).toBe(1)
    await card.getByRole('button', { name: 'Confirm delivery' }).click()
    await expect
      .poll(async () => ((await api('GET', `/api/shipments/${parcel.id}`)) as Shipment).status, {
        timeout: 60_000,
      })
      .toBe('delivered')
    expect(refused).toBeGreaterThanOrEqual(3)
    expect(phone.problems).toEqual([])
  }, 120_000)

  it('writes nothing of the proof to the server log: no name, no file, no signed link', () => {
    const log = server.output.join('\n')
    expect(server.output.length).toBeGreaterThan(10)
    for (const secret of [RECIPIENT, 'X-Amz-Signature', 'X-Amz-Credential', 'proofs/']) {
      expect(log).not.toContain(secret)
    }
  })
})
