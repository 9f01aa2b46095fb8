import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { chromium } from 'playwright-core'
import { freePort } from '@dropmate/db/testing'
import { logIn } from '../lib/log-in'
import { startSeededServer } from '../test/server'
import { DISPATCHERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startTileServer } from './tile-server'

// `npm run lighthouse` (after the web app's build, as npm start): Lighthouse's mobile audit (simulated slow 4G and a mid-range phone)
// of the pages people open on phones, the tracking page and the driver view, against
// `npm start` on the demo shop in Debian's Chromium. Prints the scores; writes
// bench/lighthouse.json. The goal is 90 or more in each category.
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
const GOAL = 90
const CHROMIUM = '/usr/bin/chromium'
const PASSWORD = 'dropmate-demo'

const tiles = await startTileServer()
const server = await prepare()
const profile = await mkdtemp(join(tmpdir(), 'dropmate-lighthouse-'))
const port = await freePort()
const browser = spawn(
  CHROMIUM,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ],
  { stdio: 'ignore' },
)
try {
  const { trackingNumber, driverEmail } = await subjects(server.url)
  await signInDriver(port, server.url, driverEmail)
  const pages = { tracking: `/track/${trackingNumber}`, driver: '/driver' }
  const results: Record<string, Record<string, number>> = {}
  for (const [name, path] of Object.entries(pages)) {
    const run = await lighthouse(server.url + path, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    if (!run) throw new Error(`Lighthouse returned nothing for ${path}`)
    results[name] = Object.fromEntries(
      CATEGORIES.map((id) => [id, Math.round((run.lhr.categories[id]?.score ?? 0) * 100)]),
    )
    const failing = Object.values(run.lhr.audits).filter(
      (audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'manual',
    )
    results[`${name} audits below 0.9`] = Object.fromEntries(
      failing.map((audit) => [audit.id, Math.round((audit.score ?? 0) * 100)]),
    )
  }
  await mkdir('bench', { recursive: true })
  await writeFile('bench/lighthouse.json', `${JSON.stringify(results, null, 2)}\n`)
  console.log(`page      ${CATEGORIES.map((c) => c.padStart(15)).join('')}`)
  for (const name of Object.keys(pages)) {
    const row = CATEGORIES.map((c) => String(results[name]![c]).padStart(15)).join('')
    console.log(`${name.padEnd(10)}${row}`)
  }
  const missed = Object.keys(pages).flatMap((name) =>
    CATEGORIES.filter((c) => results[name]![c]! < GOAL).map((c) => `${name} ${c}`),
  )
  console.log(missed.length ? `below ${GOAL}: ${missed.join(', ')}` : `all at ${GOAL} or more`)
  console.log('bench/lighthouse.json has the audits that cost points')
} finally {
  browser.kill()
  await once(browser, 'exit')
  await server.close()
  await tiles.close()
  await rm(profile, { recursive: true, force: true })
}

async function prepare() {
  // Map tiles from a server on this machine: the audit measures DropMate, not the network.
  return startSeededServer('lighthouse', { env: { MAP_TILE_URL: `${tiles.url}/{z}/{x}/{y}.png` } })
}

/** A parcel on its way to open the tracking page of, and the driver carrying it. */
async function subjects(baseUrl: string) {
  const dispatcher = { email: emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN), password: PASSWORD }
  const { accessToken } = await logIn(baseUrl, dispatcher)
  const get = async <T>(path: string) =>
    (await (
      await fetch(baseUrl + path, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as T
  const { items } = await get<{ items: Array<{ trackingNumber: string; driverId: string }> }>(
    '/api/shipments?status=in_transit&limit=1',
  )
  const parcel = items[0]!
  const { items: drivers } = await get<{ items: Array<{ id: string; email: string }> }>(
    '/api/drivers',
  )
  return {
    trackingNumber: parcel.trackingNumber,
    driverEmail: drivers.find((d) => d.id === parcel.driverId)!.email,
  }
}

/** Signs the driver in within the audited browser's profile, as a phone would stay. */
async function signInDriver(port: number, baseUrl: string, email: string) {
  const connected = await connect(port)
  const page = await connected.contexts()[0]!.newPage()
  await page.goto(`${baseUrl}/login?next=/driver`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/driver')
  await page.close()
}

/** Playwright over the browser's DevTools port, once it is listening. */
async function connect(port: number) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
    } catch (error) {
      if (attempt > 50) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
