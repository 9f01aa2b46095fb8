import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  s3ServerAvailable,
  startS3Server,
  startTestApi,
  type S3Server,
  type TestApi,
} from '../src/testing'

const STORES = ['the embedded endpoint', 'a real S3-compatible server (versitygw)'] as const
const PHOTO = { contentType: 'image/jpeg', size: 2048 }
const bytes = (size: number) => new Uint8Array(size).fill(7)

describe.each(STORES)('proof files on %s', (store) => {
  if (store === STORES[1] && !s3ServerAvailable) {
    it.skip('needs versitygw: bash scripts/ops/s3-server.sh install (Go)', () => {})
    return
  }
  let api: TestApi
  let s3: S3Server | undefined
  // Relative links (the embedded endpoint's) are on the page's own origin.
  const absolute = (url: string) => (url.startsWith('/') ? api.url + url : url)
  const upload = (url: string, body: Uint8Array, type = PHOTO.contentType) =>
    fetch(absolute(url), { method: 'PUT', body, headers: { 'content-type': type } })

  beforeAll(async () => {
    s3 = store === STORES[1] ? await startS3Server() : undefined
    api = await startTestApi(() => [], { ...s3?.env, PROOF_LINK_TTL_SECONDS: '10' })
  }, 60_000)
  afterAll(async () => {
    await api?.close()
    await s3?.stop()
  })

  it('takes an upload through a signed link and serves it back through another', async () => {
    const { objects } = api.deps
    const key = 'proofs/shipment-a/photo-1.jpg'
    expect((await upload(await objects.presignUpload(key, PHOTO), bytes(2048))).status).toBe(200)
    expect(await objects.describe(key)).toEqual(PHOTO)
    const served = await fetch(absolute(await objects.presignDownload(key)))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes(2048))
    await objects.remove(key)
    expect(await objects.describe(key)).toBeNull()
  })

  it('refuses an upload of another type or size than the link was signed for', async () => {
    const { objects } = api.deps
    const key = 'proofs/shipment-a/photo-2.jpg'
    const link = await objects.presignUpload(key, PHOTO)
    expect((await upload(link, bytes(2048), 'text/html')).status).toBe(403)
    expect((await upload(link, bytes(4096))).status).toBe(403)
    expect(await objects.describe(key)).toBeNull()
  })

  it('serves nothing without a valid signature: unsigned, or signed for another key', async () => {
    const { objects } = api.deps
    const key = 'proofs/shipment-a/photo-3.jpg'
    await upload(await objects.presignUpload(key, PHOTO), bytes(2048))
    const link = new URL(absolute(await objects.presignDownload(key)))
    expect((await fetch(link.origin + link.pathname)).status).toBe(403)
    const otherLink = new URL(absolute(await objects.presignDownload('proofs/shipment-b/x.jpg')))
    const borrowed = `${link.origin}${link.pathname}${otherLink.search}`
    expect((await fetch(borrowed)).status).toBe(403)
  })

  it('refuses a link once it has expired', async () => {
    const { objects } = api.deps
    const key = 'proofs/shipment-a/photo-4.jpg'
    await upload(await objects.presignUpload(key, PHOTO), bytes(2048))
    const link = absolute(await objects.presignDownload(key))
    expect((await fetch(link)).status).toBe(200)
    // PROOF_LINK_TTL_SECONDS is 10 here: wait it out, with a second to spare.
    await new Promise((resolve) => setTimeout(resolve, 11_500))
    expect((await fetch(link)).status).toBe(403)
  }, 30_000)
})

describe('the embedded endpoint', () => {
  let api: TestApi
  beforeAll(async () => {
    api = await startTestApi(() => [])
  })
  afterAll(() => api.close())

  it('names no file outside its bucket, whatever the path', async () => {
    for (const path of [
      '/object-storage/dropmate-proofs/..%2F..%2Fjwt-secret',
      '/object-storage/dropmate-proofs/.meta/x',
      '/object-storage/dropmate-proofs/%2e%2e/jwt-secret',
      '/object-storage/other-bucket/proofs/x.jpg',
    ]) {
      const reply = await fetch(api.url + path)
      expect([400, 403, 404]).toContain(reply.status)
      expect(await reply.text()).not.toMatch(/[A-Za-z0-9_-]{40,}/)
    }
  })

  it('refuses a body larger than 8 MiB', async () => {
    const link = await api.deps.objects.presignUpload('proofs/s/big.jpg', {
      contentType: 'image/jpeg',
      size: 8 * 1024 * 1024 + 1,
    })
    const reply = await fetch(api.url + link, {
      method: 'PUT',
      body: bytes(8 * 1024 * 1024 + 1),
      headers: { 'content-type': 'image/jpeg' },
    })
    expect(reply.status).toBe(400)
    expect(await reply.text()).toContain('EntityTooLarge')
  })
})
