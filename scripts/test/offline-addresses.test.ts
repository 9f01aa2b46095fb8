import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { send } from '../lib/api-client'
import { logIn } from '../lib/log-in'
import { DISPATCHERS, emailOf, SHOP, STAFF_DOMAIN } from '../seed/demo-data'
import { startSeededServer, type SeededServer } from './server'

let server: SeededServer

beforeAll(async () => {
  // As `npm start` runs with nothing set: no GEOCODER_URL.
  server = await startSeededServer('offline-addresses')
}, 120_000)

afterAll(async () => {
  await server?.close()
})

describe('address search on a fresh demo shop with no geocoder', () => {
  it("suggests the demo's own addresses, and says no geocoder answers for any other", async () => {
    const email = emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN)
    const { accessToken } = await logIn(server.url, { email, password: 'dropmate-demo' })
    const search = (q: string) =>
      send(
        server.url,
        { method: 'GET', path: `/api/geocode/search?q=${encodeURIComponent(q)}` },
        accessToken,
      )

    const found = await search('estrela 12')
    expect(found.status).toBe(200)
    expect(found.body).toEqual({ items: [{ label: SHOP.address, lat: SHOP.lat, lng: SHOP.lng }] })
    const augusta = await search('Rua Augusta')
    expect((augusta.body as { items: { label: string }[] }).items.map((p) => p.label)).toEqual([
      'Rua Augusta 150, Baixa, Lisboa',
    ])

    const elsewhere = await search('Avenida da Liberdade 1')
    expect(elsewhere.status).toBe(503)
    expect(elsewhere.body).toMatchObject({ code: 'geocoder_unavailable' })
  })
})
