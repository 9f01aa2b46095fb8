import { describe, expect, it } from 'vitest'
import { metricsApp } from './metrics'

const TOKEN = 'a-metrics-token-of-at-least-32-characters'

describe('/metrics', () => {
  it('takes the METRICS_TOKEN as a bearer token, and refuses anything else', async () => {
    const app = metricsApp({ token: TOKEN })
    const scrape = (authorization?: string) =>
      app.request('/metrics', { headers: authorization ? { authorization } : {} })

    const allowed = await scrape(`Bearer ${TOKEN}`)
    expect(allowed.status).toBe(200)
    const text = await allowed.text()
    expect(text).toMatch(/^# HELP dropmate_http_requests_total /m)
    // Node's own series start with the first scrape, and are in it.
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)

    for (const wrong of [undefined, 'Bearer nope', TOKEN]) {
      const refused = await scrape(wrong)
      expect(refused.status).toBe(401)
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
      expect(await refused.json()).toMatchObject({ code: 'invalid_metrics_token' })
    }
  })

  it('without a token, answers this machine only', async () => {
    // In-process requests have no socket, so they are not known to come from loopback.
    const refused = await metricsApp({ token: undefined }).request('/metrics')
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'loopback_only' })
  })
})
