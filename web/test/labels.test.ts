import type { Driver, Shipment } from '@dropmate/contracts/rest'
import { logIn } from '@dropmate/scripts/lib/log-in'
import { crop, pngOf, printPdf, scan, type PrintedPage } from '@dropmate/scripts/test/pdf-reading'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  shot,
  signIn,
  type Watched,
} from './browser'

const PUBLIC_URL = 'https://shop.example'
const trackingLink = (number: string) => `${PUBLIC_URL}/track/${number}`

/**
 * Labels in Chromium against `npm start`'s server on the demo shop: the dispatcher prints
 * them from the dashboard, a driver's phone reads them with its camera (Chromium's fake
 * camera playing a printed label) or from a photo, and the parcel is picked up.
 */
describe.skipIf(!hasChromium)('printing and scanning labels, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  let token: string
  let scratch: string
  const browsers: Browser[] = []
  const watched: Watched[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-labels', { env: { PUBLIC_URL } })
    browser = await launchChromium()
    browsers.push(browser)
    token = (await logIn(server.url, { email: DISPATCHER, password: PASSWORD })).accessToken
    scratch = await mkdtemp(join(tmpdir(), 'dropmate-labels-'))
  }, 120_000)

  afterAll(async () => {
    for (const opened of browsers) await opened.close()
    await server?.close()
    if (scratch) await rm(scratch, { recursive: true, force: true })
  })

  const api = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
    const type = response.headers.get('content-type') ?? ''
    return type.includes('pdf') ? new Uint8Array(await response.arrayBuffer()) : response.json()
  }

  /** A new parcel for `driver`, assigned by the dispatcher. */
  const parcelFor = async (driver: Driver, receiver: string): Promise<Shipment> => {
    const created = (await api('POST', '/api/shipments', {
      sender: {
        name: 'Padaria Estrela',
        address: 'Rua da Estrela 12, Lisboa',
        lat: 38.7135,
        lng: -9.1605,
      },
      receiver: {
        name: receiver,
        address: 'Rua dos Remédios 4, Lisboa',
        lat: 38.7118,
        lng: -9.1306,
      },
    })) as Shipment
    return (await api('POST', `/api/shipments/${created.id}/assign`, {
      driverId: driver.id,
    })) as Shipment
  }

  /** A shipment's 4×6 label as printed, at 144 dpi. */
  const printedLabel = async (shipment: Shipment) =>
    (
      await printPdf(
        (await api('GET', `/api/shipments/${shipment.id}/label?size=4x6`)) as Uint8Array,
        2,
      )
    )[0]!

  /** The bottom of a printed 4×6 label, where its QR code and barcode are. */
  const symbolsOf = (label: PrintedPage) => crop(label, 0, label.height - 470, label.width, 470)

  const download = async (page: Page, click: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()])
    return {
      name: file.suggestedFilename(),
      pages: await printPdf(await readFile((await file.path())!)),
    }
  }

  it('prints a shipment’s label from its detail, and labels for the rows ticked in the list', async () => {
    const dispatcher = await openPage(browser)
    watched.push(dispatcher)
    const { page } = dispatcher
    await signIn(page, server.url, DISPATCHER)
    await page.locator('.rows .row').first().click()
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/)
    const id = page.url().split('/').at(-1)!
    const shipment = (await api('GET', `/api/shipments/${id}`)) as Shipment

    await page.locator('#label-size').selectOption('4x6')
    const one = await download(page, () =>
      page.getByRole('button', { name: 'Print label' }).click(),
    )
    expect(one.name).toBe(`label-${shipment.trackingNumber}-4x6.pdf`)
    expect(one.pages).toHaveLength(1)
    expect(one.pages[0]!.text).toContain(shipment.receiver.name)
    expect(one.pages[0]!.text).toContain(shipment.trackingNumber)
    expect(await scan(one.pages[0]!, 'QRCode')).toBe(trackingLink(shipment.trackingNumber))
    expect(await scan(one.pages[0]!, 'Code128')).toBe(shipment.trackingNumber)
    await capture(page, 'labels-print-one')

    const ticks = page.locator('.rows .row-tick')
    const numbers: string[] = []
    for (let n = 0; n < 3; n++) {
      await ticks.nth(n).check()
      numbers.push((await page.locator('.rows .row .mono').nth(n).textContent())!.trim())
    }
    const bar = page.getByRole('region', { name: 'Selected shipments' })
    await expect.poll(() => bar.textContent()).toContain('3 selected')
    await bar.locator('select').selectOption('a4')
    await capture(page, 'labels-print-ticked')
    const sheet = await download(page, () =>
      bar.getByRole('button', { name: 'Print labels' }).click(),
    )
    expect(sheet.name).toBe('labels-3-a4.pdf')
    expect(sheet.pages).toHaveLength(1)
    for (const number of numbers) expect(sheet.pages[0]!.text).toContain(number)
    const [page1] = sheet.pages
    const topLeft = crop(page1!, 0, 0, page1!.width / 2, page1!.height / 2)
    expect(await scan(topLeft, 'QRCode')).toBe(trackingLink(numbers[0]!))
    expect(dispatcher.problems).toEqual([])
  }, 120_000)

  it('lets a driver scan a label with the phone camera, or a photo of it, to pick the parcel up', async () => {
    const { items: drivers } = (await api('GET', '/api/drivers')) as { items: Driver[] }
    const [driver, other] = drivers
    const byCamera = await parcelFor(driver!, 'Camila Câmara')
    const byPhoto = await parcelFor(driver!, 'Filipa Foto')
    const notMine = await parcelFor(other!, 'Outra Pessoa')

    // The fake camera films the printed label, as a phone held over the parcel would.
    const film = join(scratch, 'label.y4m')
    await writeFile(film, y4mOf(symbolsOf(await printedLabel(byCamera)), 640, 480))
    const phoneBrowser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${film}`,
    ])
    browsers.push(phoneBrowser)
    const phone = await openPage(phoneBrowser, {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      permissions: ['camera'],
    })
    watched.push(phone)
    const { page } = phone
    await signIn(page, server.url, driver!.email)
    await page.waitForURL('**/driver')
    const card = (shipment: Shipment) => page.locator(`[data-shipment-id="${shipment.id}"]`)
    await card(byCamera).waitFor()
    const status = page.locator('.scan-label [role="status"]')
    const statusOf = async (shipment: Shipment) =>
      ((await api('GET', `/api/shipments/${shipment.id}`)) as Shipment).status

    await shot(page, 'labels-driver-scan-card')
    await page.getByRole('button', { name: 'Scan with camera' }).click()
    await expect
      .poll(() => status.textContent(), { timeout: 30_000 })
      .toBe(`Picked up ${byCamera.trackingNumber} for Camila Câmara.`)
    await expect.poll(() => card(byCamera).locator('.chip').textContent()).toBe('Picked up')
    expect(await card(byCamera).getAttribute('class')).toContain('scanned')
    expect(await status.isVisible()).toBe(true)
    expect(await statusOf(byCamera)).toBe('picked_up')
    await shot(page, 'labels-driver-scanned-camera')

    // The fallback: a photo of the barcode alone, so Code 128 is read too.
    const photo = async (shipment: Shipment) => {
      const label = symbolsOf(await printedLabel(shipment))
      const barcode = crop(label, 0, label.height - 170, label.width, 170)
      await page.locator('.scan-label input[type="file"]').setInputFiles({
        name: 'label.png',
        mimeType: 'image/png',
        buffer: pngOf(barcode),
      })
    }
    await photo(byPhoto)
    await expect
      .poll(() => status.textContent())
      .toBe(`Picked up ${byPhoto.trackingNumber} for Filipa Foto.`)
    expect(await statusOf(byPhoto)).toBe('picked_up')
    expect(await page.locator('.delivery.scanned').count()).toBe(1)

    await photo(notMine)
    await expect
      .poll(() => status.textContent())
      .toBe(`${notMine.trackingNumber} is not one of your deliveries.`)
    expect(await statusOf(notMine)).toBe('assigned')
    await shot(page, 'labels-driver-not-mine')

    await photo(byCamera)
    await expect
      .poll(() => status.textContent())
      .toBe(`${byCamera.trackingNumber} is already picked up.`)
    for (const { problems } of watched) expect(problems).toEqual([])
  }, 120_000)
})

/**
 * A YUV4MPEG2 video of `image` centred on a white frame, for Chromium's fake camera: grey
 * levels only, so the chroma planes are flat.
 */
function y4mOf(
  image: Pick<PrintedPage, 'width' | 'height' | 'pixels'>,
  width: number,
  height: number,
) {
  const luma = new Uint8Array(width * height).fill(255)
  const scale = Math.min(1, width / image.width, height / image.height)
  const [w, h] = [Math.floor(image.width * scale), Math.floor(image.height * scale)]
  const [left, top] = [Math.floor((width - w) / 2), Math.floor((height - h) / 2)]
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const at = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4
      const [r, g, b] = [image.pixels[at]!, image.pixels[at + 1]!, image.pixels[at + 2]!]
      luma[(top + y) * width + left + x] = (r * 299 + g * 587 + b * 114) / 1000
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)
  return Buffer.concat([header, frame, frame])
}
