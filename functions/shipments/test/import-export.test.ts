import type { ImportReport } from '@dropmate/contracts/rest/shipment-import'
import { fixture, startFakeGeocoder, type FakeGeocoder } from '@dropmate/geocoding/testing'
import { startTestApi, type TestApi } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { importShipments } from '../src/import-shipments'
import { importShipmentsApp } from '../src/import-shipments/app'
import { startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>

beforeAll(async () => {
  stack = await startShipmentsApi()
})

afterAll(() => stack.api.close())

const HEADER =
  'reference,sender_name,sender_phone,sender_email,sender_address,sender_lat,sender_lng,' +
  'receiver_name,receiver_phone,receiver_email,receiver_address,receiver_lat,receiver_lng,' +
  'weight_kg,description,window_from,window_to'

const SENDER =
  'Padaria Estrela,+351 910 000 000,orders@estrela.example,"Rua da Estrela 12, Lisboa",38.7135,-9.1605'

/** A CSV row of an order to Alfama; `receiver` replaces the receiver's columns. */
function row(
  reference: string,
  receiver = 'Rita Sousa,,rita@example.com,"Rua dos Remédios 4, Alfama",38.7118,-9.1306',
) {
  return `${reference},${SENDER},${receiver},1.5,"Pastéis, a dozen",,`
}

/** Sends a CSV (text or raw bytes) to the import as the given person. */
async function upload(
  body: string | Uint8Array,
  {
    token = stack.people.dispatcher.token,
    dryRun = false,
    type = 'text/csv',
    accept = 'application/json',
  } = {},
) {
  const response = await fetch(`${stack.api.url}/api/shipments/import?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type, accept },
    body,
  })
  const text = await response.text()
  const json = response.headers.get('content-type')?.includes('json') && !accept.includes('ndjson')
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: json ? JSON.parse(text) : text,
  }
}

const countByReference = async (prefix: string) => {
  const [row] = await stack.api.db.sql<{ count: number }[]>`
    select count(*)::int as count from shipments where reference like ${`${prefix}%`}
  `
  return row!.count
}

describe('importing shipments from CSV', () => {
  it('reports every bad row by line and column on a dry run, and writes nothing', async () => {
    const csv = [
      HEADER,
      row('DRY-1'),
      row('DRY-2', 'Ana,,not-an-email,"Rua A 1",91,-9.13'),
      row('DRY-3'),
    ].join('\r\n')
    const outboxBefore = await stack.api.db.sql`select id from outbox`
    const reply = await upload(`\uFEFF${csv}`, { dryRun: true })
    expect(reply.status, reply.text).toBe(200)
    expect(reply.body.dryRun).toBe(true)
    expect(reply.body.summary).toMatchObject({ total: 3, valid: 2, failed: 1, created: 0 })
    const bad = reply.body.rows.find((r: { line: number }) => r.line === 3)
    expect(bad).toMatchObject({ reference: 'DRY-2', outcome: 'failed' })
    expect(bad.problems.map((p: { column: string }) => p.column).sort()).toEqual([
      'receiver_email',
      'receiver_lat',
    ])
    expect(reply.body.rows.find((r: { line: number }) => r.line === 2).outcome).toBe('valid')
    expect(await countByReference('DRY-')).toBe(0)
    expect((await stack.api.db.sql`select id from outbox`).length).toBe(outboxBefore.length)
  })

  it('imports the good rows, and a re-import after a fix creates only the fixed one', async () => {
    const first = [HEADER, row('RE-1'), row('RE-2', 'Ana,,x,"Rua A 1",38.7,-9.13'), row('RE-3')]
    const reply = await upload(first.join('\n'))
    expect(reply.status, reply.text).toBe(200)
    expect(reply.body.summary).toMatchObject({ total: 3, created: 2, existing: 0, failed: 1 })
    expect(await countByReference('RE-')).toBe(2)
    const created = reply.body.rows.find((r: { reference: string }) => r.reference === 'RE-1')
    expect(created).toMatchObject({
      outcome: 'created',
      trackingNumber: expect.stringMatching(/^DM/),
    })
    const view = await stack.api.request('GET', `/api/shipments/${created.shipmentId}`, {
      token: stack.people.dispatcher.token,
    })
    expect(view.body).toMatchObject({
      reference: 'RE-1',
      status: 'pending',
      receiver: { name: 'Rita Sousa', phone: null, address: 'Rua dos Remédios 4, Alfama' },
      package: { weightKg: 1.5, description: 'Pastéis, a dozen' },
    })
    expect(await stack.timelineOf(created.shipmentId)).toEqual([
      { type: 'created', toStatus: 'pending' },
    ])
    expect((await stack.outboxOf(created.shipmentId)).map((e) => e.type)).toEqual([
      'com.dropmate.shipment.created.v1',
    ])

    const fixed = [
      HEADER,
      row('RE-1'),
      row('RE-2', 'Ana,,ana@example.com,"Rua A 1",38.7,-9.13'),
      row('RE-3'),
    ]
    const again = await upload(fixed.join('\n'))
    expect(again.body.summary).toMatchObject({ total: 3, created: 1, existing: 2, failed: 0 })
    expect(again.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual([
      'existing',
      'created',
      'existing',
    ])
    expect(await countByReference('RE-')).toBe(3)
    const third = await upload(fixed.join('\n'))
    expect(third.body.summary).toMatchObject({ created: 0, existing: 3, failed: 0 })
    expect(await countByReference('RE-')).toBe(3)
  })

  it('streams progress as NDJSON when asked, ending with the report', async () => {
    const csv = [HEADER, ...Array.from({ length: 30 }, (_, i) => row(`ND-${i}`))].join('\n')
    const reply = await upload(csv, { accept: 'application/x-ndjson' })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('application/x-ndjson')
    const lines = reply.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines[0]).toMatchObject({ progress: { processed: 0, total: 30 } })
    expect(lines.at(-2)).toMatchObject({ progress: { processed: 30, total: 30 } })
    expect(lines.at(-1).report.summary).toMatchObject({ created: 30 })
  })

  it('reads quoted fields with commas and line breaks, and headers in any case and spacing', async () => {
    const csv =
      ' Reference ,SENDER_NAME,sender_address,sender_lat,sender_lng,Receiver Name,receiver_address,receiver_lat,receiver_lng,description\r\n' +
      'Q-1,"Padaria ""Estrela""","Rua da Estrela 12,\r\nLisboa",38.7,-9.16,Rita,"Rua B, 4",38.71,-9.13,"two\nlines"\r\n'
    const reply = await upload(csv)
    expect(reply.status, reply.text).toBe(200)
    expect(reply.body.summary).toMatchObject({ created: 1 })
    const [shipment] = await stack.api.db.sql<
      { senderName: string; senderAddress: string; packageDescription: string }[]
    >`
      select sender_name, sender_address, package_description from shipments where reference = 'Q-1'
    `
    expect(shipment).toEqual({
      senderName: 'Padaria "Estrela"',
      senderAddress: 'Rua da Estrela 12,\nLisboa',
      packageDescription: 'two\nlines',
    })
  })

  it('needs coordinates or a geocoder for every address', async () => {
    const csv = [HEADER, row('GEO-1', 'Rita,,,"Rua dos Remédios 4",,')].join('\n')
    const reply = await upload(csv, { dryRun: true })
    expect(reply.body.rows[0].problems).toEqual([
      { column: 'receiver_address', message: expect.stringMatching(/no geocoder/) },
    ])
  })

  it.each([
    [
      'unbalanced quotes',
      `${HEADER}\n${row('X-1')}\nX-2,"Padaria,oops\n`,
      400,
      'malformed_csv',
      /line 3/,
    ],
    [
      'a row with too many cells',
      `${HEADER}\n${row('X-1')},extra\n`,
      400,
      'malformed_csv',
      /line 2/,
    ],
    [
      'an unknown column',
      `${HEADER},colour\n${row('X-1')},red\n`,
      422,
      'unknown_csv_columns',
      /colour/,
    ],
    [
      'a missing required column',
      'reference,sender_name\nX-1,Padaria\n',
      422,
      'missing_csv_columns',
      /receiver_name/,
    ],
    ['no rows', `${HEADER}\n`, 422, 'empty_csv', /no rows/],
  ])(
    'refuses %s with a problem naming it, writing nothing',
    async (_, csv, status, code, detail) => {
      const reply = await upload(csv)
      expect(reply.status, reply.text).toBe(status)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
      expect(reply.body.code).toBe(code)
      expect(reply.body.detail).toMatch(detail)
      expect(await countByReference('X-')).toBe(0)
    },
  )

  it('refuses a file that is not UTF-8', async () => {
    const latin1 = Uint8Array.from([...Buffer.from(`${HEADER}\nX-1,Padaria `), 0xe9, 0x0a])
    const bad = await upload(latin1)
    expect(bad.status).toBe(415)
    expect(bad.body).toMatchObject({ code: 'csv_not_utf8', detail: expect.stringMatching(/UTF-8/) })
    const utf16 = Buffer.from(`\uFEFF${HEADER}\n${row('X-1')}\n`, 'utf16le')
    const wide = await upload(utf16)
    expect(wide.status).toBe(415)
    expect(wide.body).toMatchObject({
      code: 'csv_not_utf8',
      detail: expect.stringMatching(/UTF-16/),
    })
    const declared = await upload(`${HEADER}\n${row('X-1')}\n`, {
      type: 'text/csv; charset=windows-1252',
    })
    expect(declared.status).toBe(415)
    expect(await countByReference('X-')).toBe(0)
  })

  it('refuses a body that is not CSV', async () => {
    const reply = await upload('{"reference":"X-1"}', { type: 'application/json' })
    expect(reply.status).toBe(415)
    expect(reply.body.code).toBe('unsupported_media_type')
  })

  it('refuses an upload over the size cap with a 413', async () => {
    const huge = `${HEADER}\n${row('BIG-1')}\n`.padEnd(6 * 1024 * 1024, ' ')
    const reply = await upload(huge)
    expect(reply.status).toBe(413)
    expect(reply.body.code).toBe('body_too_large')
  })

  it('refuses more rows than it takes at once', async () => {
    const many = [
      HEADER,
      ...Array.from({ length: 10_001 }, (_, i) => `R-${i},a,,,b,1,1,c,,,d,1,1,,,,`),
    ]
    const reply = await upload(many.join('\n'))
    expect(reply.status).toBe(413)
    expect(reply.body.code).toBe('too_many_rows')
  })

  it('is for staff only', async () => {
    const csv = [HEADER, row('ROLE-1')].join('\n')
    for (const who of ['driver', 'customer'] as const) {
      const reply = await upload(csv, { token: stack.people[who].token })
      expect(reply.status, who).toBe(403)
    }
    expect((await upload(csv, { token: 'nope' })).status).toBe(401)
    const anonymous = await fetch(`${stack.api.url}/api/shipments/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    })
    expect(anonymous.status).toBe(401)
    for (const who of ['admin', 'dispatcher'] as const) {
      const reply = await upload(csv, { token: stack.people[who].token, dryRun: true })
      expect(reply.status, who).toBe(200)
    }
    expect(await countByReference('ROLE-')).toBe(0)
  })

  it('offers a template whose header the import takes', async () => {
    const reply = await stack.api.request('GET', '/api/shipments/import/template', {
      token: stack.people.dispatcher.token,
    })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(reply.headers.get('content-disposition')).toMatch(
      /attachment; filename="shipments-template.csv"/,
    )
    const [header] = (reply.body as string).split(/\r?\n/)
    // (fetch's text() drops the BOM the template starts with)
    expect(header).toBe(`${HEADER},notes`)
    const imported = await upload(reply.body as string, { dryRun: true })
    expect(imported.status, imported.text).toBe(200)
    expect(imported.body.summary.failed).toBe(0)
  })
})

describe('exporting shipments as CSV', () => {
  const exported = async (query = '', token = stack.people.dispatcher.token) => {
    const response = await fetch(`${stack.api.url}/api/shipments.csv${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }

  it('answers the filtered list as an attachment, formulas neutralised', async () => {
    const csv = [
      HEADER,
      row('=EXP-1', '"=HYPERLINK(""http://evil.example"")",+351 910 000 111,,"@Rua 1",38.71,-9.13'),
      row('EXP-2', '"-2+3",,,"\tRua 2",38.71,-9.13'),
    ].join('\n')
    const imported = await upload(csv)
    expect(imported.body.summary, imported.text).toMatchObject({ created: 2 })
    const reply = await exported()
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="shipments-/)
    const { parse } = await import('csv-parse/sync')
    const records = parse(reply.text, { columns: true, bom: true }) as Record<string, string>[]
    expect(
      records
        .map((r) => r.reference)
        .filter((ref) => ref?.includes('EXP-'))
        .sort(),
    ).toEqual(["'=EXP-1", 'EXP-2'])
    const first = records.find((r) => r.reference === "'=EXP-1")!
    expect(first.receiver_name).toBe('\'=HYPERLINK("http://evil.example")')
    expect(first.receiver_phone).toBe("'+351 910 000 111")
    expect(first.receiver_address).toBe("'@Rua 1")
    expect(first.receiver_lng).toBe('-9.13')
    const second = records.find((r) => r.reference === 'EXP-2')!
    expect(second.receiver_name).toBe("'-2+3")
  })

  it("carries a row's delivery slot, on the shop's clock, and notes into the shipment and back out", async () => {
    const slotted = row('SLOT-1').replace(/,,$/, ',2027-07-14 14:00,2027-07-14 16:00')
    const imported = await upload([`${HEADER},notes`, `${slotted},Ring twice`].join('\n'))
    expect(imported.body.summary, imported.text).toMatchObject({ created: 1 })
    const [{ shipmentId }] = imported.body.rows
    const shipment = await stack.api.request('GET', `/api/shipments/${shipmentId}`, {
      token: stack.people.dispatcher.token,
    })
    // The test shop's clock is UTC, SHOP_TIME_ZONE's default.
    expect(shipment.body).toMatchObject({
      notes: 'Ring twice',
      deliveryWindow: { from: '2027-07-14T14:00:00.000Z', to: '2027-07-14T16:00:00.000Z' },
    })
    const { parse } = await import('csv-parse/sync')
    const records = parse((await exported()).text, { columns: true, bom: true }) as Record<
      string,
      string
    >[]
    expect(records.find((r) => r.reference === 'SLOT-1')).toMatchObject({
      notes: 'Ring twice',
      window_from: '2027-07-14T14:00:00.000Z',
      window_to: '2027-07-14T16:00:00.000Z',
    })
  })

  it('keeps to the filters of the list', async () => {
    const reply = await exported('?status=delivered')
    expect(reply.status).toBe(200)
    expect(reply.text.trim().split('\n')).toHaveLength(1)
    expect((await exported('?status=nonsense')).status).toBe(400)
  })

  it('streams every matching shipment, past one page', async () => {
    const csv = [HEADER, ...Array.from({ length: 600 }, (_, i) => row(`LONG-${i}`))].join('\n')
    expect((await upload(csv)).body.summary).toMatchObject({ created: 600 })
    const reply = await exported('?q=Rita')
    const lines = reply.text.trim().split('\n')
    expect(lines.filter((line) => line.includes('LONG-'))).toHaveLength(600)
  })

  it('is for staff only', async () => {
    for (const who of ['driver', 'customer'] as const) {
      expect((await exported('', stack.people[who].token)).status, who).toBe(403)
    }
    expect((await fetch(`${stack.api.url}/api/shipments.csv`)).status).toBe(401)
    expect((await exported('', stack.people.admin.token)).status).toBe(200)
  })
})

describe('importing with a geocoder', () => {
  // A geocoder that knows two streets, as a real one answers: a position or nothing.
  const KNOWN: Record<string, { lat: number; lng: number }> = {
    'rua da estrela 12, lisboa': { lat: 38.7135, lng: -9.1605 },
    'rua dos remédios 4, alfama': { lat: 38.7118, lng: -9.1306 },
  }
  const asked: string[] = []
  const geocode = async (address: string) => {
    asked.push(address)
    return KNOWN[address.toLowerCase()] ?? null
  }
  let geocoded: TestApi
  let token: string

  beforeAll(async () => {
    geocoded = await startTestApi((deps) => importShipmentsApp(deps, geocode))
    token = (await geocoded.signIn('dispatcher')).token
  })

  afterAll(() => geocoded.close())

  it('finds the positions of rows without coordinates, once per address, and names the rest', async () => {
    const sender = 'Padaria Estrela,,,"Rua da Estrela 12, Lisboa",,'
    const csv = [
      HEADER,
      `G-1,${sender},Rita,,,"Rua dos Remédios 4, Alfama",,,,,,`,
      `G-2,${sender},Ana,,,"Rua Que Não Existe 9",,,,,,`,
      `G-3,${sender},Bea,,,"Rua dos Remédios 4, Alfama",38.7,-9.13,,,,`,
    ].join('\n')
    const response = await fetch(`${geocoded.url}/api/shipments/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    })
    const report = (await response.json()) as ImportReport
    expect(report.summary).toMatchObject({ created: 2, failed: 1 })
    expect(report.rows[1]!.problems).toEqual([
      { column: 'receiver_address', message: expect.stringMatching(/not found by the geocoder/) },
    ])
    const [shipment] = await geocoded.db.sql<{ receiverLat: number; senderLng: number }[]>`
      select receiver_lat, sender_lng from shipments where reference = 'G-1'
    `
    expect(shipment).toEqual({ receiverLat: 38.7118, senderLng: -9.1605 })
    expect(asked.sort()).toEqual([
      'Rua Que Não Existe 9',
      'Rua da Estrela 12, Lisboa',
      'Rua dos Remédios 4, Alfama',
    ])
  })
})

describe("importing with the deployment's geocoder (GEOCODER_URL)", () => {
  let geocoder: FakeGeocoder
  let api: TestApi

  beforeAll(async () => {
    geocoder = await startFakeGeocoder()
    geocoder.answer(({ query }) =>
      /augusta/i.test(query.get('q')!) ? { body: fixture('search-rua-augusta') } : undefined,
    )
    api = await startTestApi((deps) => importShipments.app(deps), {
      GEOCODER_URL: geocoder.url,
      GEOCODER_INTERVAL_MS: '0',
    })
  })

  afterAll(async () => {
    await api.close()
    await geocoder.close()
  })

  it('places a row given only its address where the geocoder finds it', async () => {
    const { token } = await api.signIn('dispatcher')
    const csv = [HEADER, row('GEO-D-1', 'Rita,,,"Rua Augusta 150, Lisboa",,')].join('\n')
    const response = await fetch(`${api.url}/api/shipments/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    })
    const report = (await response.json()) as ImportReport
    expect(report.summary).toMatchObject({ created: 1, failed: 0 })
    const [shipment] = await api.db.sql<{ receiverLat: number; receiverLng: number }[]>`
      select receiver_lat, receiver_lng from shipments where reference = 'GEO-D-1'
    `
    expect(shipment).toEqual({ receiverLat: 38.7101239, receiverLng: -9.1373527 })
    expect(geocoder.seen.map((request) => request.query.get('q'))).toEqual([
      'Rua Augusta 150, Lisboa',
    ])
  })

  it('waits its turns at a geocoder paced one a second, and a geocoder gone is a row problem', async () => {
    const paced = await startTestApi((deps) => importShipments.app(deps), {
      GEOCODER_URL: geocoder.url,
      GEOCODER_INTERVAL_MS: '1000',
    })
    onTestFinished(() => paced.close())
    const { token } = await paced.signIn('dispatcher')
    const send = async (csv: string) => {
      const response = await fetch(`${paced.url}/api/shipments/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: csv,
      })
      expect(response.status).toBe(200)
      return (await response.json()) as ImportReport
    }
    const streets = Array.from({ length: 7 }, (_, n) => `Rua Augusta ${n + 1}, Lisboa`)
    const rows = streets.map((street, n) => row(`PACED-${n}`, `Rita,,,"${street}",,`))
    expect((await send([HEADER, ...rows].join('\n'))).summary).toMatchObject({
      created: 7,
      failed: 0,
    })

    geocoder.answer(() => ({ status: 503, body: { error: 'overloaded' } }))
    const report = await send(
      [HEADER, row('PACED-GONE', 'Rita,,,"Rua do Ouro 9, Lisboa",,')].join('\n'),
    )
    expect(report.summary).toMatchObject({ created: 0, failed: 1 })
    expect(report.rows[0]!.problems).toEqual([
      { column: 'receiver_address', message: expect.stringMatching(/geocoder.*try again/i) },
    ])
  }, 60_000)
})
