import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { Session } from '@dropmate/scripts/simulate-drivers/session'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import { startReceiver, status, verifyIndependently } from '@dropmate/webhooks/testing'
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
  signIn,
} from './browser'

const ADMIN = 'helena.marques@estrela.example'

describe.skipIf(!hasChromium)('the webhook settings page', () => {
  let server: SeededServer
  let browser: Browser
  let erp: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    erp = await startReceiver(status(204))
    // The shop's ERP listens on this machine, over http: allowed by setting.
    server = await startSeededServer('web-webhooks', {
      env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_ALLOW_HTTP: 'true' },
    })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await erp?.close()
  })

  it('registers an endpoint, shows its secret once, and lists what was sent to it', async () => {
    const { page, problems } = await openPage(browser)
    await signIn(page, server.url, ADMIN)
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await page.waitForURL((url) => url.pathname === '/settings/webhooks')

    await page.getByLabel('URL').fill(erp.url)
    await page.getByLabel('Description').fill('Shop ERP')
    await page.getByLabel('Shipment created').check()
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const shown = page.getByLabel('Signing secret', { exact: true })
    await shown.waitFor()
    const secret = (await shown.textContent())!.trim()
    expect(secret).toMatch(/^whsec_/)
    await expect.poll(() => page.locator('.webhook-endpoint').count()).toBe(1)
    await capture(page, 'webhooks-secret-once')

    await page.getByRole('button', { name: 'I have kept it' }).click()
    await page.reload()
    await page.locator('.webhook-endpoint').waitFor()
    expect(await page.content()).not.toContain(secret.slice('whsec_'.length))

    // A dispatcher's new shipment reaches the ERP, signed with that secret.
    const staff = await Session.open(server.url, { email: DISPATCHER, password: PASSWORD })
    const created = await staff.call({
      method: 'POST',
      path: '/api/shipments',
      json: {
        sender: {
          name: 'Padaria Estrela',
          address: 'Rua da Estrela 12',
          lat: 38.7135,
          lng: -9.1605,
        },
        receiver: { name: 'Rita Sousa', address: 'Rua dos Remédios 4', lat: 38.7118, lng: -9.1306 },
        package: { weightKg: 1.5 },
      },
    })
    expect(created.status).toBe(201)
    await expect.poll(() => erp.received.length, { timeout: 30_000 }).toBe(1)
    await verifyIndependently(secret, erp.received[0]!)
    expect(JSON.parse(erp.received[0]!.body).type).toBe(EVENT_TYPES.shipmentCreated)

    await page.getByRole('button', { name: 'Deliveries' }).click()
    const row = page.locator('.webhook-log tbody tr')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('Delivered')
    await page.getByRole('button', { name: 'Replay' }).click()
    await expect.poll(() => erp.received.length).toBe(2)
    expect(erp.received[1]!.headers['webhook-id']).toBe(erp.received[0]!.headers['webhook-id'])
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('2')
    await capture(page, 'webhooks-deliveries')
    expect(problems).toEqual([])
  }, 120_000)

  it('is for admins only', async () => {
    const { page } = await openPage(browser)
    await signIn(page, server.url, DISPATCHER)
    expect(await page.getByRole('link', { name: 'Webhooks' }).count()).toBe(0)
    await page.goto(`${server.url}/settings/webhooks`)
    await page.waitForURL((url) => url.pathname === '/')
  }, 60_000)
})
