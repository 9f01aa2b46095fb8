import { newTrackingNumber } from '@dropmate/core'
import { fileURLToPath } from 'node:url'
import { startSeededServer, type SeededServer } from '@dropmate/scripts/test/server'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureWebBuild } from '../build/ensure-build'
import {
  capture,
  DISPATCHER,
  hasChromium,
  launchChromium,
  openPage,
  signIn,
  type Watched,
} from './browser'

const JOAO = 'joao.silva@estrela.example'
const ANA = 'ana.rodrigues@estrela.example'

type Step = [to: string, at: string, reason?: string]

/** SQL for a past shipment of the demo driver signed up as `email`, with its timeline. */
function pastShipment(email: string, steps: Step[], window?: [from: string, to: string]) {
  const last = steps.at(-1)![0]
  const moves = steps.map(([to, at, reason], i) => {
    const from = i === 0 ? 'assigned' : steps[i - 1]![0]
    return `('${from}', '${to}', ${reason ? `'${reason}'` : 'null'}, '${at}'::timestamptz)`
  })
  return `
    with driver as (
      select d.id from drivers d join users u on u.id = d.user_id where u.email = '${email}'
    ), shipment as (
      insert into shipments (
        tracking_number, status, driver_id, sender_name, sender_address, sender_lat, sender_lng,
        receiver_name, receiver_address, receiver_lat, receiver_lng,
        delivery_window_from, delivery_window_to, created_at
      )
      select '${newTrackingNumber()}', '${last}', driver.id,
        'Padaria Estrela', 'Rua da Estrela 12, Lisboa', 38.7135, -9.1605,
        'Past receiver', 'Rua dos Remédios 4, Lisboa', 38.7118, -9.1306,
        ${window ? `'${window[0]}', '${window[1]}'` : 'null, null'}, '${steps[0]![1]}'
      from driver
      returning id
    )
    insert into shipment_events (shipment_id, type, from_status, to_status, note, occurred_at)
    select shipment.id, 'status_changed', m.from_status, m.to_status, m.note, m.at
    from shipment, (values ${moves.join(', ')}) as m (from_status, to_status, note, at)
    order by m.at;`
}

/** SQL for the duty changes of the demo driver signed up as `email`. */
function pastDuty(email: string, changes: [status: string, at: string][]) {
  const rows = changes.map(([status, at]) => `('${status}', '${at}'::timestamptz)`)
  return `
    insert into driver_duty_changes (driver_id, duty_status, changed_at)
    select d.id, c.status, c.at
    from drivers d join users u on u.id = d.user_id, (values ${rows.join(', ')}) as c (status, at)
    where u.email = '${email}';`
}

// A week in March on the shop's clock (UTC): four deliveries and three failed attempts.
const HISTORY = [
  // João: on time in 40 minutes; late in 60 after a failed attempt; a wrong address.
  pastShipment(
    JOAO,
    [
      ['picked_up', '2026-03-24T09:00:00Z'],
      ['in_transit', '2026-03-24T09:05:00Z'],
      ['delivered', '2026-03-24T09:40:00Z'],
    ],
    ['2026-03-24T09:00:00Z', '2026-03-24T10:00:00Z'],
  ),
  pastShipment(
    JOAO,
    [
      ['picked_up', '2026-03-24T10:00:00Z'],
      ['in_transit', '2026-03-24T10:05:00Z'],
      ['failed', '2026-03-24T10:20:00Z', 'Nobody home'],
      ['in_transit', '2026-03-24T10:40:00Z'],
      ['delivered', '2026-03-24T11:00:00Z'],
    ],
    ['2026-03-24T10:00:00Z', '2026-03-24T10:30:00Z'],
  ),
  pastShipment(JOAO, [
    ['picked_up', '2026-03-25T14:30:00Z'],
    ['in_transit', '2026-03-25T14:35:00Z'],
    ['failed', '2026-03-25T15:00:00Z', 'Address not found'],
  ]),
  // Ana: 50 minutes with no window; early in 120; nobody home.
  pastShipment(ANA, [
    ['picked_up', '2026-03-26T08:00:00Z'],
    ['in_transit', '2026-03-26T08:05:00Z'],
    ['delivered', '2026-03-26T08:50:00Z'],
  ]),
  pastShipment(
    ANA,
    [
      ['picked_up', '2026-03-26T10:00:00Z'],
      ['in_transit', '2026-03-26T10:05:00Z'],
      ['delivered', '2026-03-26T12:00:00Z'],
    ],
    ['2026-03-26T12:30:00Z', '2026-03-26T13:30:00Z'],
  ),
  pastShipment(ANA, [
    ['picked_up', '2026-03-27T14:00:00Z'],
    ['in_transit', '2026-03-27T14:05:00Z'],
    ['failed', '2026-03-27T14:30:00Z', 'nobody home!'],
  ]),
  pastDuty(JOAO, [
    ['available', '2026-03-24T08:00:00Z'],
    ['offline', '2026-03-24T12:00:00Z'],
  ]),
  pastDuty(ANA, [
    ['available', '2026-03-26T07:00:00Z'],
    ['offline', '2026-03-26T15:00:00Z'],
  ]),
].join('\n')

const shotPath = (name: string) =>
  fileURLToPath(new URL(`./screenshots/${name}-1440.png`, import.meta.url))

/** A table's body as text, cell by cell, row by row. */
const cellsOf = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')),
    )

describe.skipIf(!hasChromium)('the analytics page', () => {
  let server: SeededServer
  let browser: Browser
  let watched: Watched

  beforeAll(async () => {
    await ensureWebBuild(() => {})
    server = await startSeededServer('web-analytics', { sql: HISTORY })
    browser = await launchChromium()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('charts a week of history and shows its figures in tables', async () => {
    watched = await openPage(browser)
    const { page } = watched
    await signIn(page, server.url, DISPATCHER)
    await page.getByRole('link', { name: 'Analytics' }).click()
    await page.waitForURL((url) => url.pathname === '/analytics')

    await page.getByLabel('From', { exact: true }).fill('2026-03-23')
    await page.getByLabel('To', { exact: true }).fill('2026-03-29')
    await page.getByRole('button', { name: 'Show' }).click()

    const summary = page.getByRole('region', { name: 'Deliveries', exact: true }).locator('table')
    await expect
      .poll(() => cellsOf(summary), { timeout: 20_000 })
      .toEqual([
        ['Delivered', '4'],
        ['With a delivery window', '3'],
        ['Without a window (not rated)', '1'],
        ['On time (within the window)', '1'],
        ['Early', '1'],
        ['Late', '1'],
        ['On-time rate', '33.3 %'],
        // 40, 50, 60 and 120 minutes; p90 at rank 2.7 of 0..3: 60 + 0.7 × 60
        ['Average pickup → delivered', '67.5 min'],
        ['90th percentile pickup → delivered', '102.0 min'],
        ['Delivered at the first attempt', '3'],
        ['First-attempt success', '75.0 %'],
      ])
    expect(await cellsOf(page.getByRole('table', { name: 'Failed attempts by reason' }))).toEqual([
      ['Nobody home', '2', '66.7 %'],
      ['Address not found', '1', '33.3 %'],
    ])
    expect(
      await cellsOf(page.getByRole('table', { name: 'Deliveries per driver per hour on duty' })),
    ).toEqual([
      ['Ana Rodrigues', '2', '8.0', '0.25'],
      ['João Silva', '2', '4.0', '0.50'],
    ])
    const weekdays = await cellsOf(page.getByRole('table', { name: 'Attempts by weekday' }))
    expect(weekdays.filter(([, delivered, failed]) => delivered !== '0' || failed !== '0')).toEqual(
      [
        ['Tuesday', '2', '1'],
        ['Wednesday', '0', '1'],
        ['Thursday', '2', '0'],
        ['Friday', '0', '1'],
      ],
    )

    // Four charts, each a canvas uPlot has drawn on.
    const charts = page.locator('.analytics-chart[role="img"]')
    expect(await charts.count()).toBe(4)
    const painted = await charts.evaluateAll((hosts) =>
      hosts.map((host) => {
        const canvas = host.querySelector('canvas')!
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
        return pixels.data.some((channel, i) => i % 4 === 3 && channel > 0)
      }),
    )
    expect(painted).toEqual([true, true, true, true])
    await capture(page, 'analytics-week')
    await page.screenshot({ path: shotPath('analytics-week-full'), fullPage: true })
  })

  it('narrows the page to one driver and downloads a table as CSV', async () => {
    const { page } = watched
    await page.getByLabel('Driver', { exact: true }).selectOption({ label: 'Ana Rodrigues' })
    await page.getByRole('button', { name: 'Show' }).click()
    const summary = page.getByRole('region', { name: 'Deliveries', exact: true }).locator('table')
    await expect
      .poll(async () => (await cellsOf(summary)).slice(0, 8), { timeout: 20_000 })
      .toEqual([
        ['Delivered', '2'],
        ['With a delivery window', '1'],
        ['Without a window (not rated)', '1'],
        ['On time (within the window)', '0'],
        ['Early', '1'],
        ['Late', '0'],
        ['On-time rate', '0.0 %'],
        ['Average pickup → delivered', '85.0 min'],
      ])
    await capture(page, 'analytics-one-driver')
    await page.screenshot({ path: shotPath('analytics-one-driver-full'), fullPage: true })

    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('region', { name: 'Failed attempts by reason' })
        .getByRole('button', { name: 'Download CSV' })
        .click(),
    ])
    expect(saved.suggestedFilename()).toBe('failures-2026-03-23-to-2026-03-29.csv')
    const { readFile } = await import('node:fs/promises')
    const text = await readFile((await saved.path())!, 'utf8')
    expect(text).toBe('\uFEFFreason,failures,share\r\nnobody home!,1,1\r\n')
    expect(watched.problems).toEqual([])
  })
})
