import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'

/** Debian's Chromium (CI installs it); the browser tests skip where it is missing. */
export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export const PASSWORD = 'dropmate-demo'
export const DISPATCHER = 'rui.carvalho@estrela.example'
export const CUSTOMER = 'maria.almeida@example.com'

export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))

/** Chromium as the tests run it; `args` adds switches (a fake camera, say). */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  })
}

export interface Watched {
  page: Page
  /** Page errors and CSP violations seen so far: a test ends by expecting none. */
  problems: string[]
}

/**
 * A page in a context of its own, watched for uncaught errors and refused content (CSP).
 * Map tiles fail here (no internet): those load errors are expected and ignored.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Watched> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options })
  // Under a test's 60 s: a step waiting for what never comes fails naming its locator, even
  // inside a poll that tries twice, instead of the whole test timing out without a clue.
  context.setDefaultTimeout(25_000)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
      problems.push(`csp: ${message.text()}`)
    }
  })
  return { page, problems }
}

export async function signIn(page: Page, baseUrl: string, email: string, next = '') {
  await page.goto(`${baseUrl}/login${next && `?next=${encodeURIComponent(next)}`}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => url.pathname !== '/login')
}

/**
 * Screenshots of the page as it is, at 1440×900 and at 390×844, into web/test/screenshots;
 * the viewport goes back to what it was.
 */
export async function capture(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true })
  const before = page.viewportSize()
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size)
    // Leaflet re-measures on resize, and CSS transitions settle.
    await page.waitForTimeout(400)
    await page.screenshot({ path: `${SHOTS}${name}-${size.width}x${size.height}.png` })
  }
  if (before) await page.setViewportSize(before)
  await page.waitForTimeout(200)
}

/** One screenshot of the page at its current size, named with that size. */
export async function shot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true })
  const { width, height } = page.viewportSize()!
  await page.screenshot({ path: `${SHOTS}${name}-${width}x${height}.png` })
}

/** The CSS transform of a map marker: it changes whenever the marker moves on screen. */
export function markerTransform(page: Page, selector: string) {
  return page
    .locator('.leaflet-marker-icon', { has: page.locator(selector) })
    .first()
    .evaluate((element) => (element as HTMLElement).style.transform)
}

/** Polls `read` until `accept` holds, or fails naming what it last saw. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 15_000, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  for (;;) {
    last = await read().catch(() => undefined as T)
    if (last !== undefined && accept(last)) return last
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(last)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** A mark on the window that a reload would wipe: proves updates arrived without one. */
export async function markWindow(page: Page) {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
}

export async function stillSameWindow(page: Page) {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true)
}
