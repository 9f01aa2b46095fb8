import { rememberPlaces } from '@dropmate/db'
import { startTestApi, startTestApiBeside, type Reply, type TestApi } from '@dropmate/kit/testing'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reverseGeocode, searchAddresses } from '../src'
import { fixture, startFakeGeocoder, type FakeGeocoder } from '../src/testing'

const PUBLIC_URL = 'https://dispatch.padaria.example'
const RUA_AUGUSTA = '150, Rua Augusta, Baixa, Santa Maria Maior, Lisboa, 1100-053, Portugal'
const ESTRELA = { label: 'Rua da Estrela 12, Estrela, Lisboa', lat: 38.7135, lng: -9.1605 }

const geocodingApi = (env: Record<string, string>) =>
  startTestApi((deps) => [searchAddresses.app(deps), reverseGeocode.app(deps)], {
    PUBLIC_URL,
    ...env,
  })

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function expectProblem(reply: Reply, status: number, code: string, field?: string) {
  expect(reply.status).toBe(status)
  expect(reply.headers.get('content-type')).toBe('application/problem+json')
  expect(reply.body).toMatchObject({ status, code })
  if (field) {
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ field: `query.${field}` }))
  }
}

describe('with a geocoder speaking the Nominatim API', () => {
  let geocoder: FakeGeocoder
  let api: TestApi
  let token: string

  beforeAll(async () => {
    geocoder = await startFakeGeocoder()
    geocoder.answer(({ path, query }) => {
      if (path === '/search' && /augusta/i.test(query.get('q')!)) {
        return { body: fixture('search-rua-augusta') }
      }
      if (path === '/reverse' && query.get('lat')!.startsWith('38.710')) {
        return { body: fixture('reverse-rua-augusta') }
      }
      if (path === '/reverse') return { body: fixture('reverse-nothing') }
      return undefined
    })
    api = await geocodingApi({ GEOCODER_URL: geocoder.url, GEOCODER_COUNTRY_CODES: 'PT' })
    token = (await api.signIn('dispatcher')).token
  })

  afterAll(async () => {
    await api.close()
    await geocoder.close()
  })

  const search = (query: string, as = token) =>
    api.request('GET', `/api/geocode/search?${query}`, { token: as })
  const reverse = (query: string, as = token) =>
    api.request('GET', `/api/geocode/reverse?${query}`, { token: as })
  const asked = (path: string) => geocoder.seen.filter((request) => request.path === path)

  it('suggests the addresses the geocoder finds, and asks it once for the same query', async () => {
    const first = await search('q=Rua%20Augusta%20150')
    expect(first.status).toBe(200)
    expect(first.body.items).toEqual([
      { label: RUA_AUGUSTA, lat: 38.7101239, lng: -9.1373527 },
      {
        label: 'Rua Augusta, Baixa, Santa Maria Maior, Lisboa, 1100-053, Portugal',
        lat: 38.7093887,
        lng: -9.1367912,
      },
    ])
    // The same address typed another way is the same query, answered from the cache.
    const again = await search('q=%20rua%20augusta,%20150&limit=1')
    expect(again.status).toBe(200)
    expect(again.body.items).toEqual([first.body.items[0]])
    expect(asked('/search')).toHaveLength(1)
  })

  it('asks as the usage policy wants: identified, for JSON v2, and keeps the answer in SQL', async () => {
    await search('q=Rua%20Augusta%2010')
    const request = asked('/search').at(-1)!
    expect(request.query.get('format')).toBe('jsonv2')
    expect(request.query.get('q')).toBe('Rua Augusta 10')
    expect(request.query.get('countrycodes')).toBe('pt')
    expect(request.headers['user-agent']).toBe(`DropMate (${PUBLIC_URL})`)
    expect(request.headers.referer).toBe(`${PUBLIC_URL}/`)
    const [kept] = await api.db.sql`
      select places, extract(day from expires_at - fetched_at)::int as ttl_days
      from geocode_answers
      where kind = 'search' and query_key = 'rua augusta 10'
    `
    expect(kept!.places).toHaveLength(2)
    expect(kept!.ttlDays).toBe(30)

    // Past GEOCODER_CACHE_DAYS the geocoder is asked again.
    await api.db.sql`
      update geocode_answers
      set expires_at = now() - interval '1 second'
      where kind = 'search' and query_key = 'rua augusta 10'
    `
    const before = geocoder.seen.length
    expect((await search('q=Rua%20Augusta%2010')).status).toBe(200)
    expect(geocoder.seen).toHaveLength(before + 1)
  })

  it('names the address at a point, and answers null where there is none', async () => {
    const found = await reverse('lat=38.71012&lng=-9.13737')
    expect(found.status).toBe(200)
    expect(found.body).toEqual({ place: { label: RUA_AUGUSTA, lat: 38.7101239, lng: -9.1373527 } })
    const request = asked('/reverse').at(-1)!
    expect(Object.fromEntries(request.query)).toEqual({
      lat: '38.71012',
      lon: '-9.13737',
      format: 'jsonv2',
    })

    const sea = await reverse('lat=38.6&lng=-9.5')
    expect(sea.status).toBe(200)
    expect(sea.body).toEqual({ place: null })
    // A click a metre away is the same door: no second question.
    const seen = asked('/reverse').length
    expect((await reverse('lat=38.710121&lng=-9.137381')).body).toEqual(found.body)
    expect(asked('/reverse')).toHaveLength(seen)
  })

  it('sends the geocoder at most one request a second, however many arrive at once', async () => {
    const before = geocoder.seen.length
    const queries = ['Rua Garrett 19', 'Rua da Rosa 105', 'Rua da Graça 66']
    const replies = await Promise.all(queries.map((q) => search(`q=${encodeURIComponent(q)}`)))
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200])
    const times = geocoder.seen.slice(before).map((request) => request.at)
    expect(times).toHaveLength(3)
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000)
    }
  }, 30_000)

  it.runIf(process.env.REDIS_URL)(
    'keeps to one request a second across replicas sharing Redis',
    async () => {
      const replica = await startTestApiBeside(api, (deps) => searchAddresses.app(deps))
      try {
        const before = geocoder.seen.length
        const queries = ['Rua do Prior 20', 'Rua de Belém 60', 'Rua de Cascais 47']
        const replies = await Promise.all(
          queries.map((q, i) =>
            (i % 2 ? replica : api).request(
              'GET',
              `/api/geocode/search?q=${encodeURIComponent(q)}`,
              {
                token,
              },
            ),
          ),
        )
        expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200])
        const times = geocoder.seen
          .slice(before)
          .map((request) => request.at)
          .sort((a, b) => a - b)
        expect(times).toHaveLength(3)
        for (let i = 1; i < times.length; i++) {
          expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000)
        }
      } finally {
        await replica.close()
      }
    },
    30_000,
  )

  it('refuses malformed questions with a 400 naming the field, asking no one', async () => {
    const seen = geocoder.seen.length
    expectProblem(await search(''), 400, 'invalid_request', 'q')
    expectProblem(await search('q=%20%20'), 400, 'invalid_request', 'q')
    expectProblem(await search(`q=${'a'.repeat(201)}`), 400, 'invalid_request', 'q')
    expectProblem(await search('q=rua&limit=0'), 400, 'invalid_request', 'limit')
    expectProblem(await search('q=rua&limit=11'), 400, 'invalid_request', 'limit')
    expectProblem(await search('q=rua&city=Lisboa'), 400, 'invalid_request')
    expectProblem(await reverse('lat=91&lng=0'), 400, 'invalid_request', 'lat')
    expectProblem(await reverse('lat=38.7&lng=-181'), 400, 'invalid_request', 'lng')
    expectProblem(await reverse('lat=north&lng=0'), 400, 'invalid_request', 'lat')
    expectProblem(await reverse('lng=0'), 400, 'invalid_request', 'lat')
    expect(geocoder.seen).toHaveLength(seen)
  })

  it.each(['admin', 'dispatcher', 'customer'] as const)('serves %s', async (role) => {
    const { token: theirs } = await api.signIn(role)
    expect((await search('q=Rua%20Augusta%20150', theirs)).status).toBe(200)
    expect((await reverse('lat=38.71012&lng=-9.13735', theirs)).status).toBe(200)
  })

  it('answers one account at most 60 lookups a minute, so no one spends the budget of all', async () => {
    const { token: customer } = await api.signIn('customer')
    const replies = []
    for (let i = 0; i < 60; i++) replies.push(await search('q=Rua%20Augusta%20150', customer))
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
    const over = await search('q=Rua%20Augusta%20150', customer)
    expectProblem(over, 429, 'rate_limited')
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    // Someone else still gets theirs.
    expect((await search('q=Rua%20Augusta%20150')).status).toBe(200)
  })

  it('refuses drivers, who have no address form, and anyone without a token', async () => {
    const { token: driver } = await api.signIn('driver')
    expectProblem(await search('q=Rua%20Augusta', driver), 403, 'forbidden_role')
    expectProblem(await reverse('lat=38.7&lng=-9.1', driver), 403, 'forbidden_role')
    expectProblem(
      await api.request('GET', '/api/geocode/search?q=Rua%20Augusta'),
      401,
      'missing_token',
    )
    expectProblem(
      await api.request('GET', '/api/geocode/reverse?lat=38.7&lng=-9.1'),
      401,
      'missing_token',
    )
  })
})

describe('with the geocoder down', () => {
  let api: TestApi
  let token: string

  beforeAll(async () => {
    api = await geocodingApi({ GEOCODER_URL: `http://127.0.0.1:${await closedPort()}` })
    token = (await api.signIn('dispatcher')).token
    await rememberPlaces(api.db.sql, [ESTRELA])
  })
  afterAll(() => api.close())

  it('answers 503 geocoder_unavailable, saying the map and coordinates still work', async () => {
    const search = await api.request('GET', '/api/geocode/search?q=Avenida%20da%20Liberdade', {
      token,
    })
    expectProblem(search, 503, 'geocoder_unavailable')
    expect(search.body.detail).toMatch(/pick the point on the map or type its coordinates/)
    const reverse = await api.request('GET', '/api/geocode/reverse?lat=38.72&lng=-9.14', { token })
    expectProblem(reverse, 503, 'geocoder_unavailable')
    // The smallest denormal, which PostgreSQL's float8 refuses, is the 0 it means.
    const tiny = await api.request('GET', '/api/geocode/reverse?lat=5e-324&lng=0', { token })
    expectProblem(tiny, 503, 'geocoder_unavailable')
  })

  it("still suggests the shop's known places to staff, and names a click at one", async () => {
    const found = await api.request('GET', '/api/geocode/search?q=estrela%2012', { token })
    expect(found.status).toBe(200)
    expect(found.body.items).toEqual([ESTRELA])
    const at = await api.request('GET', '/api/geocode/reverse?lat=38.71352&lng=-9.16048', {
      token,
    })
    expect(at.body).toEqual({ place: ESTRELA })
  })

  it("keeps the shop's known places from customers", async () => {
    const { token: customer } = await api.signIn('customer')
    const reply = await api.request('GET', '/api/geocode/search?q=estrela%2012', {
      token: customer,
    })
    expectProblem(reply, 503, 'geocoder_unavailable')
  })
})

describe('with no geocoder configured', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await geocodingApi({})
  })
  afterAll(() => api.close())

  it('answers 503 geocoder_unavailable without trying anyone', async () => {
    const { token } = await api.signIn('dispatcher')
    const reply = await api.request('GET', '/api/geocode/search?q=Rua%20Augusta', { token })
    expectProblem(reply, 503, 'geocoder_unavailable')
    expect(reply.body.detail).toMatch(/no geocoder is configured/)
  })
})

describe('with a Photon geocoder', () => {
  let geocoder: FakeGeocoder
  let api: TestApi

  beforeAll(async () => {
    geocoder = await startFakeGeocoder()
    geocoder.answer(({ path }) =>
      path === '/api' ? { body: fixture('photon-search-rua-augusta') } : undefined,
    )
    api = await geocodingApi({ GEOCODER_URL: geocoder.url, GEOCODER_API: 'photon' })
  })
  afterAll(async () => {
    await api.close()
    await geocoder.close()
  })

  it('reads its GeoJSON answer into the same suggestions', async () => {
    const { token } = await api.signIn('dispatcher')
    const reply = await api.request('GET', '/api/geocode/search?q=Rua%20Augusta%20150', { token })
    expect(reply.status).toBe(200)
    expect(reply.body.items).toEqual([
      {
        label: 'Rua Augusta 150, Baixa, 1100-053 Lisboa, Portugal',
        lat: 38.7101239,
        lng: -9.1373527,
      },
    ])
    expect(geocoder.seen[0]!.query.get('format')).toBeNull()
  })
})
