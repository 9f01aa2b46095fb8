import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  CUSTOMER,
  DISPATCHER,
  hasChromium,
  launchChromium,
  openPage,
  PASSWORD,
  PHONE,
  signIn,
  type Watched,
} from './browser'

interface Listed {
  id: string
  trackingNumber: string
  customerId: string | null
}

/** Who sees what, and what people see when things go wrong: in Chromium against `npm start`. */
describe.skipIf(!hasChromium)('the web app’s doors and failures, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  const watched: Watched[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-access')
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const open = async (options?: Parameters<typeof openPage>[1]) => {
    const opened = await openPage(browser, options)
    watched.push(opened)
    return opened
  }

  const api = async (email: string) => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    const { accessToken, account } = (await login.json()) as {
      accessToken: string
      account: { id: string }
    }
    const list = async () => {
      const response = await fetch(`${server.url}/api/shipments?limit=100`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      return ((await response.json()) as { items: Listed[] }).items
    }
    return { account, list }
  }

  it('refuses a wrong password with a message, then signs in', async () => {
    const { page } = await open()
    await page.goto(`${server.url}/`)
    await page.waitForURL(/\/login/)
    await capture(page, 'login')
    await page.getByLabel('Email').fill(DISPATCHER)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => url.pathname === '/')
  })

  it('shows a customer their own parcels and not another customer’s', async () => {
    const maria = await api(CUSTOMER)
    const staff = await api(DISPATCHER)
    const own = (await maria.list())[0]!
    const other = (await staff.list()).find(
      (s) => s.customerId !== null && s.customerId !== maria.account.id,
    )!
    expect(other).toBeDefined()

    const { page } = await open()
    await signIn(page, server.url, CUSTOMER)
    await expect.poll(() => page.locator('.parcel').count()).toBeGreaterThan(0)
    const shown = await page.locator('.parcel .mono').allTextContents()
    expect(shown).toContain(own.trackingNumber)
    expect(shown).not.toContain(other.trackingNumber)
    await capture(page, 'customer')

    await page.locator('.parcel', { hasText: own.trackingNumber }).click()
    await expect.poll(() => page.locator('#parcel-title').count()).toBe(1)
    await capture(page, 'customer-parcel')

    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/shipments/${other.id}`))
    await page.goto(`${server.url}/shipments/${other.id}`)
    expect((await answer).status()).toBe(404)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Parcel not found')
    expect(await page.locator('body').textContent()).not.toContain(other.trackingNumber)
    await capture(page, 'customer-not-found')
  })

  it('shows an error with a way to retry when the API fails, not a blank page', async () => {
    const { page } = await open()
    await signIn(page, server.url, DISPATCHER)
    await page.route(/\/api\/shipments\?/, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          code: 'internal_error',
          detail: 'Something went wrong on our side.',
        }),
      }),
    )
    await page.reload()
    const alert = page.locator('.dash-list [role="alert"]')
    await expect.poll(() => alert.textContent()).toContain('Something went wrong on our side.')
    await capture(page, 'dashboard-error')
    await page.unroute(/\/api\/shipments\?/)
    await alert.getByRole('button', { name: 'Try again' }).click()
    const rows = page.locator('.rows .row')
    await expect.poll(() => rows.count()).toBe(25)
    // Scrolling to the end of the list brings the next page.
    await page.locator('.list-foot').scrollIntoViewIfNeeded()
    await expect.poll(() => rows.count()).toBe(50)

    const phone = await open({ viewport: PHONE })
    await phone.page.route(/\/api\/shipments\/track\//, (route) => route.abort())
    await phone.page.goto(`${server.url}/track/DMNOTREACHABLE`)
    await expect
      .poll(() => phone.page.getByRole('alert').textContent())
      .toContain('cannot be reached')
    await capture(phone.page, 'tracking-error')
  })

  it('says so when the live connection drops, and comes back by itself', async () => {
    const { page } = await open()
    await signIn(page, server.url, DISPATCHER)
    const badge = page.locator('.topbar .link-badge')
    await expect.poll(() => badge.textContent()).toBe('Live')
    await page.context().setOffline(true)
    await expect.poll(() => badge.textContent()).toContain('Reconnecting')
    await page.context().setOffline(false)
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('Live')
  })

  it('has a clear page for unknown tracking numbers and a form to look one up', async () => {
    const { page } = await open({ viewport: PHONE })
    await page.goto(`${server.url}/track/DM0000NOSUCH`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('We can’t find that parcel')
    await capture(page, 'tracking-unknown')
    await page.goto(`${server.url}/track`)
    await capture(page, 'tracking-lookup')
    const staff = await api(DISPATCHER)
    const known = (await staff.list())[0]!
    await page.getByLabel('Tracking number').fill(known.trackingNumber)
    await page.getByRole('button', { name: 'Track' }).click()
    await page.waitForURL(`**/track/${known.trackingNumber}`)
    await expect.poll(() => page.locator('#track-status').count()).toBe(1)
  })

  it('ran every page without script errors or refused content', () => {
    expect(watched.flatMap((w) => w.problems)).toEqual([])
  })
})
