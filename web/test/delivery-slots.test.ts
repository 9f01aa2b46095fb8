import type { Driver, ShipmentPage } from '@dropmate/contracts/rest'
import { logIn } from '@dropmate/scripts/lib/log-in'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  hasChromium,
  launchChromium,
  markWindow,
  openPage,
  PASSWORD,
  PHONE,
  signIn,
  stillSameWindow,
} from './browser'

// One demo parcel whose slot ended an hour ago, undelivered, and one on its way that ingest
// marked at risk of missing its slot: the list flags both. Another on its way is promised
// 14:00–16:00 on 14 July 2027 by the shop's Lisbon clock (UTC+1 then).
const SLOTS = `
  update shipments
  set delivery_window_from = now() - interval '3 hours',
    delivery_window_to = now() - interval '1 hour'
  where id = (select id from shipments where status = 'assigned' order by created_at limit 1);
  update shipments
  set delivery_window_from = now() - interval '1 hour',
    delivery_window_to = now() + interval '1 hour',
    at_risk_at = now()
  where id = (select id from shipments where status = 'in_transit' order by created_at limit 1);
  update shipments
  set delivery_window_from = '2027-07-14T13:00:00Z', delivery_window_to = '2027-07-14T15:00:00Z'
  where id = (
    select id from shipments where status = 'in_transit' order by created_at offset 1 limit 1
  );
`

/** A dispatcher edits a parcel's slot (by the shop's Lisbon clock) and sees flagged parcels. */
describe.skipIf(!hasChromium)('delivery slots on the dashboard, in the browser', () => {
  let server: SeededServer
  let browser: Browser

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-slots', {
      sql: SLOTS,
      env: { SHOP_TIME_ZONE: 'Europe/Lisbon' },
    })
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('flags a late parcel and one at risk in the list', async () => {
    const { page, problems } = await openPage(browser)
    await signIn(page, server.url, DISPATCHER)
    const rows = page.locator('.rows .row')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    await expect.poll(() => page.locator('.rows .chip.slot-late').count()).toBe(1)
    await expect.poll(() => page.locator('.rows .chip.slot-at_risk').count()).toBe(1)
    expect(await page.locator('.rows .chip.slot-late').textContent()).toBe('Late')
    expect(await page.locator('.rows .chip.slot-at_risk').textContent()).toBe('At risk')
    await page.locator('.rows .chip.slot-late').scrollIntoViewIfNeeded()
    await capture(page, 'slots-flagged')
    expect(problems).toEqual([])
  }, 60_000)

  it('lets a dispatcher promise a slot, then move it, by the shop clock', async () => {
    const { page, problems } = await openPage(browser)
    await signIn(page, server.url, DISPATCHER)
    const pending = page
      .locator('.rows .row', { has: page.locator('.chip.status-pending') })
      .first()
    await pending.click()
    await page.waitForURL(/\/shipments\//)
    const id = new URL(page.url()).pathname.split('/').at(-1)!
    const detail = page.locator('.detail')
    await expect.poll(() => detail.textContent()).toContain('None promised')
    expect(await detail.locator('.chip.slot-late, .chip.slot-at_risk').count()).toBe(0)
    // A second dispatcher has the same shipment open: the edit reaches them live.
    const other = await openPage(browser)
    await signIn(other.page, server.url, DISPATCHER, `/shipments/${id}`)
    const otherDetail = other.page.locator('.detail')
    await expect.poll(() => otherDetail.textContent()).toContain('None promised')
    await markWindow(other.page)

    const promise = async (from: string, to: string, notes?: string) => {
      await page.getByRole('button', { name: 'Edit shipment…' }).click()
      await page.getByLabel('Slot from').fill(from)
      await page.getByLabel('Slot to').fill(to)
      if (notes) await page.getByLabel('Notes for the driver').fill(notes)
      await page.getByRole('button', { name: 'Save changes' }).click()
      await expect.poll(() => page.locator('form.edit-shipment').count()).toBe(0)
    }
    await promise('2027-07-14T14:00', '2027-07-14T16:00', 'Ring the bell twice')
    await expect.poll(() => detail.textContent()).toContain('14 Jul 14:00–16:00 (Europe/Lisbon)')
    expect(await detail.textContent()).toContain('Ring the bell twice')

    await promise('2027-07-14T17:30', '2027-07-14T19:00')
    await expect.poll(() => detail.textContent()).toContain('14 Jul 17:30–19:00 (Europe/Lisbon)')
    await expect
      .poll(() => otherDetail.textContent(), { timeout: 15_000 })
      .toContain('14 Jul 17:30–19:00 (Europe/Lisbon)')
    expect(await stillSameWindow(other.page)).toBe(true)
    await expect
      .poll(() => page.locator('.timeline').textContent())
      .toContain('Changed delivery slot')
    // A slot still to come flags nothing.
    expect(await detail.locator('.chip.slot-late, .chip.slot-at_risk').count()).toBe(0)
    await capture(page, 'slot-edited')

    // Lisbon is an hour ahead of UTC in July: the API keeps the instants.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DISPATCHER, password: PASSWORD }),
    })
    const { accessToken } = (await login.json()) as { accessToken: string }
    const shipment = await fetch(`${server.url}/api/shipments/${id}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(await shipment.json()).toMatchObject({
      deliveryWindow: { from: '2027-07-14T16:30:00.000Z', to: '2027-07-14T18:00:00.000Z' },
      notes: 'Ring the bell twice',
    })
    expect(problems).toEqual([])
    expect(other.problems).toEqual([])
  }, 90_000)

  it('lets a dispatcher promise a slot when creating a shipment', async () => {
    const { page, problems } = await openPage(browser)
    await signIn(page, server.url, DISPATCHER)
    await page.locator('.list-head').getByRole('button', { name: 'New shipment' }).click()
    const pickup = page.getByRole('group', { name: 'Pickup (sender)' })
    await pickup.getByLabel('Name').fill('Padaria Estrela')
    await pickup.getByLabel('Address').fill('Rua da Estrela 12, Lisboa')
    await pickup.getByLabel('Latitude').fill('38.7135')
    await pickup.getByLabel('Longitude').fill('-9.1605')
    const dropoff = page.getByRole('group', { name: 'Drop-off (receiver)' })
    await dropoff.getByLabel('Name').fill('Beatriz Slot')
    await dropoff.getByLabel('Address').fill('Rua Augusta 100, Baixa, Lisboa')
    await dropoff.getByLabel('Latitude').fill('38.7101')
    await dropoff.getByLabel('Longitude').fill('-9.1366')
    const slot = page.getByRole('group', { name: /Delivery slot/ })
    await slot.getByLabel('From').fill('2027-07-15T10:00')
    await slot.getByLabel('To').fill('2027-07-15T09:00')
    await page.getByRole('button', { name: 'Create shipment' }).click()
    await expect
      .poll(() => page.locator('#new-deliveryWindow-to-error').textContent())
      .toBe('End the slot after it starts.')
    await slot.getByLabel('To').fill('2027-07-15T12:00')
    await slot.getByLabel('Notes for the driver').fill('Side door')
    await capture(page, 'slot-on-create')
    await page.getByRole('button', { name: 'Create shipment' }).click()
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/)
    const detail = page.locator('.detail')
    await expect.poll(() => detail.textContent()).toContain('15 Jul 10:00–12:00 (Europe/Lisbon)')
    expect(await detail.textContent()).toContain('Side door')
    expect(problems).toEqual([])
  }, 60_000)

  it('shows the receiver and the driver the slot promised, by the shop clock', async () => {
    const { accessToken } = await logIn(server.url, { email: DISPATCHER, password: PASSWORD })
    const get = async <T>(path: string) => {
      const reply = await fetch(server.url + path, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      return (await reply.json()) as T
    }
    const { items } = await get<ShipmentPage>('/api/shipments?status=in_transit&limit=100')
    const promised = items.find((s) => s.deliveryWindow?.from === '2027-07-14T13:00:00.000Z')!
    const { items: drivers } = await get<{ items: Driver[] }>('/api/drivers')
    const driver = drivers.find((d) => d.id === promised.driverId)!

    // The receiver's phone keeps UTC: the page says whose clock the slot is on.
    const receiver = await openPage(browser, { viewport: PHONE, timezoneId: 'UTC' })
    await receiver.page.goto(`${server.url}/track/${promised.trackingNumber}`)
    const slot = receiver.page.locator('.track-slot')
    await expect
      .poll(() => slot.textContent(), { timeout: 15_000 })
      .toBe('14 Jul 14:00–16:00, Lisbon time')
    await capture(receiver.page, 'slot-on-tracking-page')

    // The driver's phone is in Lisbon: the slot as the shop promised it, on that stop only.
    const phone = await openPage(browser, {
      viewport: PHONE,
      timezoneId: 'Europe/Lisbon',
      permissions: ['geolocation'],
      geolocation: { latitude: 38.7139, longitude: -9.1394, accuracy: 10 },
    })
    await signIn(phone.page, server.url, driver.email)
    await phone.page.waitForURL('**/driver')
    const card = phone.page.locator(`[data-shipment-id="${promised.id}"]`)
    await expect
      .poll(() => card.locator('.delivery-slot').textContent(), { timeout: 15_000 })
      .toBe('Slot 14 Jul 14:00–16:00')
    await card.scrollIntoViewIfNeeded()
    await capture(phone.page, 'slot-on-driver-card')
    expect(receiver.problems).toEqual([])
    expect(phone.problems).toEqual([])
  }, 90_000)
})
