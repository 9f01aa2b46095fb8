import type { Driver, ShipmentPage } from '@dropmate/contracts/rest'
import { logIn } from '@dropmate/scripts/lib/log-in'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
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

// Service workers, reloads and sockets take their time on a busy machine.
const PATIENT = { timeout: 20_000 }

interface Manifest {
  start_url: string
  display: string
  icons: Array<{ src: string; sizes: string; type: string; purpose: string }>
}

/**
 * The driver view as an installed app, in Chromium against `npm start`'s server on the demo
 * shop: it names a manifest with icons a phone accepts, its service worker opens it with no
 * connection showing the deliveries last known, positions queued offline outlive a reload,
 * and an on-duty driver who shares nothing is told so plainly.
 */
describe.skipIf(!hasChromium)('the installable driver app, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  let driver: Driver
  let open: ShipmentPage['items']
  const watched: Watched[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-driver-app')
    browser = await launchChromium()
    const { accessToken } = await logIn(server.url, { email: DISPATCHER, password: PASSWORD })
    const get = async <T>(path: string) => {
      const response = await fetch(server.url + path, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      return (await response.json()) as T
    }
    const { items: drivers } = await get<{ items: Driver[] }>('/api/drivers')
    const page = await get<ShipmentPage>('/api/shipments?status=assigned,picked_up&limit=100')
    driver = drivers.find((d) => page.items.some((s) => s.driverId === d.id))!
    open = page.items.filter((s) => s.driverId === driver.id)
  }, 120_000)

  afterAll(async () => {
    for (const { problems } of watched) expect(problems).toEqual([])
    await browser?.close()
    await server?.close()
  })

  /** The driver signed in on a phone that can give its position. */
  async function onThePhone(): Promise<{ page: Page; context: BrowserContext }> {
    const opened = await openPage(browser, {
      viewport: PHONE,
      permissions: ['geolocation'],
      geolocation: { latitude: 38.7139, longitude: -9.1394, accuracy: 10 },
    })
    watched.push(opened)
    await signIn(opened.page, server.url, driver.email)
    await opened.page.waitForURL('**/driver')
    return { page: opened.page, context: opened.page.context() }
  }

  /** Until the service worker controls the page: from then on it opens offline. */
  async function installed(page: Page) {
    await page.evaluate(() => navigator.serviceWorker.ready)
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), PATIENT)
      .toBe(true)
  }

  it('names a manifest a phone installs from, with icons of the sizes it asks', async () => {
    const { page } = await onThePhone()
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    const manifest = (await (await fetch(server.url + href!)).json()) as Manifest
    expect(manifest).toMatchObject({ start_url: '/driver', display: 'standalone' })
    for (const icon of manifest.icons) {
      const png = Buffer.from(await (await fetch(server.url + icon.src)).arrayBuffer())
      // A PNG's IHDR: width and height, big-endian, at bytes 16 and 20.
      const size = `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`
      expect(size, icon.src).toBe(icon.sizes)
    }
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    )
    expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true)
  })

  it('opens with no connection, showing the deliveries as last known', async () => {
    const { page, context } = await onThePhone()
    const first = open[0]!.receiver.name
    await expect.poll(() => page.getByText(first).count(), PATIENT).toBeGreaterThan(0)
    await installed(page)

    await context.setOffline(true)
    await page.reload()
    await expect.poll(() => page.getByText(first).count(), PATIENT).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByText(/^Offline: your deliveries as of/).count(), PATIENT)
      .toBe(1)
    await shot(page, 'driver-app-offline')

    await context.setOffline(false)
    await page.evaluate(() => dispatchEvent(new Event('online')))
    await expect
      .poll(() => page.getByText(/^Offline: your deliveries as of/).count(), PATIENT)
      .toBe(0)
  })

  it('keeps positions queued offline through a reload, and sends them once back', async () => {
    const { page, context } = await onThePhone()
    await installed(page)
    await context.setOffline(true)
    await page.getByRole('button', { name: 'Share my location' }).click()
    await expect
      .poll(() => page.getByText(/positions? waiting for a connection/).count(), PATIENT)
      .toBe(1)
    await page.reload()
    await expect
      .poll(() => page.getByText(/positions? waiting for a connection/).count(), PATIENT)
      .toBe(1)
    await context.setOffline(false)
    await page.evaluate(() => dispatchEvent(new Event('online')))
    await expect.poll(() => page.getByText(/^Last sent/).count(), PATIENT).toBe(1)
  })

  it('shows a push as a notification of the new delivery', async () => {
    const { page, context } = await onThePhone()
    await context.grantPermissions(['notifications'], { origin: server.url })
    await installed(page)
    const cdp = await context.newCDPSession(page)
    const registrations = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted)
        if (ours) resolve(ours.registrationId)
      }),
    )
    await cdp.send('ServiceWorker.enable')
    const message = {
      title: 'New delivery',
      body: 'Parcel DM-7Q4K2 for Rita',
      url: '/driver',
      tag: 'x',
    }
    const registrationId = await registrations
    const shown = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [
          n.title,
          n.body,
        ]),
      )
    // A push service delivers at least once; one arriving while the worker still starts may be
    // dropped, so it comes again until shown. The same tag keeps it one notification.
    await expect
      .poll(
        async () => {
          await cdp.send('ServiceWorker.deliverPushMessage', {
            origin: server.url,
            registrationId,
            data: JSON.stringify(message),
          })
          return shown()
        },
        { ...PATIENT, interval: 1_000 },
      )
      .toEqual([[message.title, message.body]])
  })

  it('tells an on-duty driver plainly that their location is not shared', async () => {
    const { page } = await onThePhone()
    // Going on duty starts sharing; the app opened again later does not, until asked.
    await page.getByRole('button', { name: 'On duty' }).click()
    await expect.poll(() => page.getByText('Sharing location').count(), PATIENT).toBe(1)
    await page.reload()
    const alert = page.getByRole('alert').filter({ hasText: 'Your location is not shared' })
    await expect.poll(() => alert.count(), PATIENT).toBe(1)
    await shot(page, 'driver-app-not-sharing')
    await page.getByRole('button', { name: 'Share my location' }).click()
    await expect.poll(() => alert.count(), PATIENT).toBe(0)
  })
})
