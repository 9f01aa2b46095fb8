import type { ShipmentPage } from '@dropmate/contracts/rest'
import { Session } from '@dropmate/scripts/simulate-drivers/session'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
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
  type Watched,
} from './browser'

const HEADER =
  'reference,sender_name,sender_address,sender_lat,sender_lng,' +
  'receiver_name,receiver_email,receiver_address,receiver_lat,receiver_lng,description,' +
  'window_from,window_to'
const SENDER = 'Padaria Estrela,"Rua da Estrela 12, Lisboa",38.7135,-9.1605'

/** The shop's orders of the day; the second one's receiver email has a typo until fixed. */
function orders(secondEmail: string) {
  return Buffer.from(
    [
      HEADER,
      `CSV-1001,${SENDER},Imported Ana,ana@example.com,"Rua A 1, Lisboa",38.712,-9.131,"Bread, 2",2026-07-14 14:00,2026-07-14 16:00`,
      `CSV-1002,${SENDER},Imported Bea,${secondEmail},"Rua B 2, Lisboa",38.714,-9.133,Cake,,`,
      `CSV-1003,${SENDER},Imported Caio,caio@example.com,"Rua C 3, Lisboa",38.716,-9.135,Pastries,,`,
    ].join('\r\n'),
  )
}

describe.skipIf(!hasChromium)('importing orders from a CSV file in the dashboard', () => {
  let server: SeededServer
  let browser: Browser
  let staff: Session
  let watched: Watched

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-csv-import')
    browser = await launchChromium()
    staff = await Session.open(server.url, { email: DISPATCHER, password: PASSWORD })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const imported = async () => {
    const reply = await staff.call({ method: 'GET', path: '/api/shipments?q=Imported&limit=100' })
    return (reply.body as ShipmentPage).items.map((s) => s.reference).sort()
  }

  it('checks a file, names the bad row, and after the fix imports it once', async () => {
    watched = await openPage(browser)
    const { page } = watched
    await signIn(page, server.url, DISPATCHER)
    await page.getByRole('link', { name: 'Import CSV' }).click()
    await page.waitForURL((url) => url.pathname === '/import')

    const file = page.locator('input[type="file"]')
    const choose = (buffer: Buffer) =>
      file.setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer })
    const summary = page.locator('.import-summary')

    // The dry run: one row with a problem, by line and column; nothing written.
    await choose(orders('bea@example'))
    await expect
      .poll(() => summary.textContent())
      .toBe('3 rows: 2 ready to import, 0 already imported, 1 with problems.')
    const bad = page.locator('tr.outcome-failed')
    expect(await bad.getAttribute('data-line')).toBe('3')
    expect(await bad.locator('.import-problems').textContent()).toMatch(/receiver_email/)
    expect(await imported()).toEqual([])
    await capture(page, 'import-dry-run')

    // Fixed and chosen again: all three are ready; importing creates them.
    await choose(orders('bea@example.com'))
    await expect
      .poll(() => summary.textContent())
      .toBe('3 rows: 3 ready to import, 0 already imported, 0 with problems.')
    await page.getByRole('button', { name: 'Import 3 rows' }).click()
    await expect
      .poll(() => summary.textContent())
      .toBe('3 created, 0 already imported, 0 with problems (not imported).')
    expect(await page.locator('tr.outcome-created a').count()).toBe(3)
    expect(await imported()).toEqual(['CSV-1001', 'CSV-1002', 'CSV-1003'])
    await capture(page, 'import-done')

    // The same file again: every row is known by its reference, and nothing is left to do.
    await choose(orders('bea@example.com'))
    await expect
      .poll(() => summary.textContent())
      .toBe('3 rows: 0 ready to import, 3 already imported, 0 with problems.')
    expect(await page.getByRole('button', { name: 'Nothing new to import' }).isDisabled()).toBe(
      true,
    )
    expect(await imported()).toEqual(['CSV-1001', 'CSV-1002', 'CSV-1003'])
    await capture(page, 'import-again')
  })

  it('exports the list as filtered as a CSV download', async () => {
    const { page } = watched
    await page.getByRole('link', { name: 'Back to dispatch' }).click()
    await page.getByLabel('Search tracking number or receiver').fill('Imported')
    await expect.poll(() => page.locator('.rows li').count()).toBe(3)
    await capture(page, 'dashboard-csv-buttons')
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(saved.suggestedFilename()).toMatch(/^shipments-\d{4}-\d{2}-\d{2}\.csv$/)
    const { readFile } = await import('node:fs/promises')
    const text = await readFile((await saved.path())!, 'utf8')
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^tracking_number,reference,status,/)
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',')[1])
        .sort(),
    ).toEqual(['CSV-1001', 'CSV-1002', 'CSV-1003'])
    expect(watched.problems).toEqual([])
  })
})
