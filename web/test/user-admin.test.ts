import { NAMESPACES, SOCKET_PATH } from '@dropmate/contracts/sockets'
import { DRIVERS, emailOf, STAFF_DOMAIN } from '@dropmate/scripts/seed/demo-data'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  hasChromium,
  launchChromium,
  openPage,
  PHONE,
  signIn,
  type Watched,
} from './browser'

const ADMIN = emailOf('Helena Marques', STAFF_DOMAIN)
// Pedro rides a scooter with a plate: the panel shows both.
const PEDRO = DRIVERS[2]!

/**
 * An admin disables a driver whose phone is open on the driver view, sharing its position
 * with a live socket: in Chromium against `npm start`'s server on the seeded demo shop.
 */
describe.skipIf(!hasChromium)('administering users, in the browser', () => {
  let server: SeededServer
  let browser: Browser
  const watched: Watched[] = []
  const sockets: Socket[] = []

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-users')
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await browser?.close()
    await server?.close()
  })

  const open = async (options?: Parameters<typeof openPage>[1]) => {
    const opened = await openPage(browser, options)
    watched.push(opened)
    return opened
  }

  it('keeps the users page and its link to admins', async () => {
    const { page } = await open()
    await signIn(page, server.url, DISPATCHER)
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0)
    await page.goto(`${server.url}/admin/users`)
    await page.waitForURL((url) => url.pathname === '/')
  })

  it("ends a disabled driver's open phone session: API refused, socket sent away, the view says so", async () => {
    const phone = await open({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 38.7169, longitude: -9.1399 },
    })
    await signIn(phone.page, server.url, emailOf(PEDRO.name, STAFF_DOMAIN))
    expect(new URL(phone.page.url()).pathname).toBe('/driver')
    await expect.poll(() => phone.page.locator('.duty-button[aria-pressed="true"]').count()).toBe(1)
    await phone.page.getByRole('button', { name: 'On duty' }).click()
    await expect
      .poll(() => phone.page.locator('.share-row .meta').textContent(), { timeout: 20_000 })
      .toMatch(/Last sent/)
    await expect.poll(() => phone.page.locator('.link-badge').textContent()).toContain('Live')
    const token = await phone.page.evaluate(
      () => JSON.parse(localStorage.getItem('dropmate.session')!).accessToken as string,
    )
    // A second socket on the phone's token, watched from here: the page's own is inside it.
    const socket = io(`${server.url}${NAMESPACES.app}`, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { token },
      reconnectionDelay: 100,
    })
    sockets.push(socket)
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const refusals: string[] = []
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      refusals.push(error.data?.code ?? error.message)
    })
    let disconnected = false
    socket.on('disconnect', () => (disconnected = true))

    const admin = await open()
    await signIn(admin.page, server.url, ADMIN)
    await admin.page.getByRole('link', { name: 'Users' }).click()
    await admin.page.waitForURL((url) => url.pathname === '/admin/users')
    await admin.page.getByLabel('Search').fill('pedro')
    const row = admin.page.locator('.users-table tbody tr')
    await expect.poll(() => row.count()).toBe(1)
    await row.getByRole('button', { name: PEDRO.name }).click()
    const panel = admin.page.locator('.user-panel')
    await expect.poll(() => panel.textContent()).toContain('AT-42-RX')
    expect(await panel.textContent()).toContain('Scooter')
    expect(await panel.textContent()).toContain(PEDRO.phone)
    await capture(admin.page, 'admin-users-driver')

    await panel.getByRole('button', { name: 'Disable account' }).click()
    await panel.getByRole('button', { name: 'Yes, disable' }).click()
    await expect.poll(() => row.textContent()).toContain('Disabled')
    await expect
      .poll(() => panel.locator('.user-audit').textContent())
      .toContain('Helena Marques disabled the account')

    // Within a few seconds the phone is signed out and told why.
    await phone.page.waitForURL((url) => url.pathname === '/login', { timeout: 10_000 })
    await expect
      .poll(() => phone.page.getByRole('alert').textContent())
      .toContain('An admin disabled this account')
    await capture(phone.page, 'driver-disabled')
    const status = await phone.page.evaluate(
      async (old) =>
        (await fetch('/api/drivers', { headers: { authorization: `Bearer ${old}` } })).status,
      token,
    )
    expect(status).toBe(401)
    await expect.poll(() => disconnected, { timeout: 5_000 }).toBe(true)
    await expect.poll(() => refusals, { timeout: 5_000 }).toContain('invalid_token')
    expect(socket.connected).toBe(false)

    await capture(admin.page, 'admin-users-disabled')
  })

  it('enables the driver again and gives a generated password, shown once, that signs in', async () => {
    const admin = watched.at(-1)!.page
    const panel = admin.locator('.user-panel')
    await panel.getByRole('button', { name: 'Enable account' }).click()
    await expect
      .poll(() => panel.locator('.user-audit').textContent())
      .toContain('enabled the account')
    await panel.getByRole('button', { name: 'Generate a password' }).click()
    const shown = panel.getByRole('status')
    await expect.poll(() => shown.textContent()).toContain('shown this once')
    const password = (await shown.locator('strong').textContent())!.trim()
    await capture(admin, 'admin-users-password')
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf(PEDRO.name, STAFF_DOMAIN), password }),
    })
    expect(login.status).toBe(200)
  })

  it("changes a dispatcher's role from the keyboard, and the entry says from what to what", async () => {
    const admin = watched.at(-1)!.page
    await admin.getByLabel('Search').fill('')
    await admin.getByLabel('Role', { exact: true }).first().selectOption('dispatcher')
    const ines = admin.getByRole('button', { name: 'Inês Ferreira' })
    await ines.focus()
    // The role the form shows in the first frame that names her: a form still holding the
    // last account's state would reset a quick choice one effect later. The observer is in
    // place before the key is pressed, or a quick render could come before it and never end.
    await admin.evaluate(() => {
      const page = window as unknown as { firstRole?: Promise<string | undefined> }
      page.firstRole = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('.user-panel h2')?.textContent !== 'Inês Ferreira') return
          observer.disconnect()
          resolve(document.querySelector<HTMLSelectElement>('#user-role')?.value)
        })
        observer.observe(document.body, { subtree: true, childList: true, characterData: true })
      })
    })
    await admin.keyboard.press('Enter')
    const firstRole = await admin.evaluate(
      () => (window as unknown as { firstRole?: Promise<string | undefined> }).firstRole,
    )
    expect(firstRole).toBe('dispatcher')
    const panel = admin.locator('.user-panel')
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Inês Ferreira')
    await panel.getByLabel('Role').selectOption('customer')
    await panel.getByRole('button', { name: 'Change role' }).press('Enter')
    await expect
      .poll(() => panel.locator('.user-audit').textContent())
      .toContain('changed the role from Dispatcher to Customer')
    await capture(admin, 'admin-users-role')
  })

  it('ran every page without script errors or refused content', () => {
    expect(watched.flatMap((w) => w.problems)).toEqual([])
  })
})
