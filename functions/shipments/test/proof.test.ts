import {
  s3ServerAvailable,
  startS3Server,
  type S3Server,
  type SignedIn,
} from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepAbandonedUploads, sweepExpiredProofs } from '../src'
import { startShipmentsApi } from './support'

const STORES = ['the embedded endpoint', 'a real S3-compatible server (versitygw)'] as const
const PHOTO = new Uint8Array(3000).fill(1)
const SIGNATURE = new Uint8Array(1200).fill(2)

describe.each(STORES)('proof of delivery, files on %s', (store) => {
  if (store === STORES[1] && !s3ServerAvailable) {
    it.skip('needs versitygw: bash scripts/ops/s3-server.sh install (Go)', () => {})
    return
  }
  let stack: Awaited<ReturnType<typeof startShipmentsApi>>
  let s3: S3Server | undefined
  const absolute = (url: string) => (url.startsWith('/') ? stack.api.url + url : url)

  beforeAll(async () => {
    s3 = store === STORES[1] ? await startS3Server() : undefined
    stack = await startShipmentsApi(s3?.env)
  }, 60_000)
  afterAll(async () => {
    await stack?.api.close()
    await s3?.stop()
  })

  const askUploads = (id: string, who: SignedIn | null, files: object[]) =>
    stack.api.request('POST', `/api/shipments/${id}/proof-uploads`, {
      token: who?.token,
      body: { files },
    })

  /** A parcel in transit (a new one by default) whose driver uploaded a photo and a signature. */
  const uploaded = async (
    shipment: { id: string; trackingNumber: string } | undefined = undefined,
  ) => {
    shipment ??= await stack.shipmentIn('in_transit')
    const reply = await askUploads(shipment.id, stack.people.driver, [
      { kind: 'photo', contentType: 'image/jpeg', size: PHOTO.length },
      { kind: 'signature', contentType: 'image/png', size: SIGNATURE.length },
    ])
    expect(reply.status).toBe(201)
    const [photo, signature] = reply.body.uploads
    for (const [upload, body] of [
      [photo, PHOTO],
      [signature, SIGNATURE],
    ] as const) {
      const put = await fetch(absolute(upload.url), {
        method: upload.method,
        headers: upload.headers,
        body,
      })
      expect(put.status).toBe(200)
    }
    return { shipment, photoKey: photo.key as string, signatureKey: signature.key as string }
  }

  const deliverWith = (id: string, proof: object, who = stack.people.driver) =>
    stack.move(id, who, 'delivered', { proof })

  it('takes a delivery with photo, signature and name, and shows staff all of it', async () => {
    const { shipment, photoKey, signatureKey } = await uploaded()
    const delivered = await deliverWith(shipment.id, {
      photoKeys: [photoKey],
      signatureKey,
      recipientName: 'Rita Sousa',
    })
    expect(delivered.status).toBe(200)

    const reply = await stack.api.request('GET', `/api/shipments/${shipment.id}/proof`, {
      token: stack.people.dispatcher.token,
    })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('cache-control')).toBe('no-store')
    const [proof] = reply.body.proofs
    expect(proof).toMatchObject({ outcome: 'delivered', recipientName: 'Rita Sousa' })
    const photo = await fetch(absolute(proof.photoUrls[0]))
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(PHOTO)
    const signature = await fetch(absolute(proof.signatureUrl))
    expect(signature.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await signature.arrayBuffer())).toEqual(SIGNATURE)

    // The timeline and the events say there is proof, and never whose.
    const [event] = await stack.api.db.sql<{ metadata: Record<string, unknown> }[]>`
      select metadata from shipment_events
      where shipment_id = ${shipment.id} and to_status = 'delivered'
    `
    expect(event!.metadata).toEqual({
      proof: { photos: 1, signature: true, recipientNamed: true, leftAtDoor: false },
    })
    const everything = JSON.stringify([await stack.outboxOf(shipment.id), event])
    expect(everything).not.toContain('Rita')
    expect(everything).not.toContain(photoKey)
  })

  it('shows the customer and the tracking page the photo and initials, never the signature or the name', async () => {
    const { shipment, photoKey, signatureKey } = await uploaded()
    await deliverWith(shipment.id, {
      photoKeys: [photoKey],
      signatureKey,
      recipientName: 'Rita Sousa',
    })
    const views = [
      await stack.api.request('GET', `/api/shipments/${shipment.id}/proof`, {
        token: stack.people.customer.token,
      }),
      await stack.api.request('GET', `/api/shipments/track/${shipment.trackingNumber}/proof`),
    ]
    for (const view of views) {
      expect(view.status).toBe(200)
      const [proof] = view.body.proofs
      expect(proof).toMatchObject({ recipientInitials: 'R. S.', signed: true, leftAtDoor: false })
      expect(proof.photoUrls).toHaveLength(1)
      expect((await fetch(absolute(proof.photoUrls[0]))).status).toBe(200)
      expect(JSON.stringify(view.body)).not.toMatch(/Rita|Sousa|signature-/)
    }
  })

  it.each([
    ['another customer', 'otherCustomer', 404, 'shipment_not_found'],
    ['its driver', 'driver', 403, 'forbidden_role'],
    ['nobody signed in', null, 401, 'missing_token'],
  ] as const)('keeps the proof from %s', async (_, who, status, code) => {
    const { shipment, photoKey } = await uploaded()
    await deliverWith(shipment.id, { photoKeys: [photoKey], leftAtDoor: true })
    const reply = await stack.api.request('GET', `/api/shipments/${shipment.id}/proof`, {
      token: who ? stack.people[who].token : undefined,
    })
    expect(reply.status).toBe(status)
    expect(reply.body).toMatchObject({ code })
    expect(JSON.stringify(reply.body)).not.toContain('X-Amz-Signature')
  })

  it('answers an unknown tracking number with no proofs, as a parcel without any', async () => {
    const reply = await stack.api.request('GET', '/api/shipments/track/DM-ZZZZ-ZZZZ-ZZZZ/proof')
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ proofs: [] })
  })

  it.each([
    ['a driver who does not carry it', 'otherDriver', 404, 'shipment_not_found'],
    ['its customer', 'customer', 403, 'forbidden_role'],
    ['a dispatcher', 'dispatcher', 403, 'forbidden_role'],
    ['nobody signed in', null, 401, 'missing_token'],
  ] as const)('refuses upload links to %s', async (_, who, status, code) => {
    const shipment = await stack.shipmentIn('in_transit')
    const reply = await askUploads(shipment.id, who ? stack.people[who] : null, [
      { kind: 'photo', contentType: 'image/jpeg', size: 1000 },
    ])
    expect(reply.status).toBe(status)
    expect(reply.body).toMatchObject({ code })
  })

  it.each([
    ['larger than 8 MiB', { kind: 'photo', contentType: 'image/jpeg', size: 8 * 1024 * 1024 + 1 }],
    ['not an image', { kind: 'photo', contentType: 'text/html', size: 1000 }],
    ['of an unknown kind', { kind: 'video', contentType: 'image/jpeg', size: 1000 }],
    ['empty', { kind: 'photo', contentType: 'image/jpeg', size: 0 }],
  ])('refuses an upload %s with a problem naming the field', async (_, file) => {
    const shipment = await stack.shipmentIn('in_transit')
    const reply = await askUploads(shipment.id, stack.people.driver, [file])
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toContain('application/problem+json')
    expect(reply.body.errors[0].field).toMatch(/^body\.files\.0\./)
  })

  it('refuses upload links for a parcel not on its way, and for an unknown one', async () => {
    const file = { kind: 'photo', contentType: 'image/jpeg', size: 1000 }
    const assigned = await stack.shipmentIn('assigned')
    const early = await askUploads(assigned.id, stack.people.driver, [file])
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ code: 'not_deliverable' })
    const unknown = await askUploads('00000000-0000-4000-8000-000000000000', stack.people.driver, [
      file,
    ])
    expect(unknown.status).toBe(404)
    const malformed = await askUploads('not-an-id', stack.people.driver, [file])
    expect(malformed.status).toBe(400)
  })

  it('refuses a delivery whose proof names files that are not this shipment’s or not there', async () => {
    const other = await uploaded()
    const { shipment, photoKey, signatureKey } = await uploaded()
    const neverUploaded = photoKey.replace(/photo-[0-9a-f-]+/, `photo-${crypto.randomUUID()}`)
    for (const [proof, field] of [
      [{ photoKeys: [other.photoKey] }, 'body.proof.photoKeys.0'],
      [{ photoKeys: [neverUploaded] }, 'body.proof.photoKeys.0'],
      [{ signatureKey: photoKey }, 'body.proof.signatureKey'],
      [{ photoKeys: [signatureKey] }, 'body.proof.photoKeys.0'],
      [{ photoKeys: ['../../jwt-secret'] }, 'body.proof.photoKeys.0'],
      [{ photoKeys: [] }, 'body.proof'],
      [{ recipientName: 'Rita Sousa', leftAtDoor: true }, 'body.proof.photoKeys'],
      [{ leftAtDoor: false }, 'body.proof'],
    ] as const) {
      const reply = await deliverWith(shipment.id, proof)
      expect(reply.status).toBe(422)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
      expect(reply.body.errors[0].field).toBe(field)
    }
    const [row] = await stack.api.db.sql<{ status: string; proofs: number }[]>`
      select status, (select count(*)::int from delivery_proofs where shipment_id = s.id) as proofs
      from shipments s where id = ${shipment.id}
    `
    expect(row).toEqual({ status: 'in_transit', proofs: 0 })
  })

  it('takes a failed attempt with a photo, and a delivery later with its own proof', async () => {
    const first = await uploaded()
    const failed = await stack.move(first.shipment.id, stack.people.driver, 'failed', {
      reason: 'Nobody home',
      proof: { photoKeys: [first.photoKey] },
    })
    expect(failed.status).toBe(200)
    const reply = await stack.api.request('GET', `/api/shipments/${first.shipment.id}/proof`, {
      token: stack.people.admin.token,
    })
    expect(reply.body.proofs.map((proof: { outcome: string }) => proof.outcome)).toEqual(['failed'])
  })

  it('sweeps proofs past PROOF_RETENTION_DAYS, files and rows, and keeps newer ones', async () => {
    const old = await uploaded()
    await deliverWith(old.shipment.id, {
      photoKeys: [old.photoKey],
      signatureKey: old.signatureKey,
    })
    const recent = await uploaded()
    await deliverWith(recent.shipment.id, { photoKeys: [recent.photoKey] })
    const days = stack.api.deps.config.PROOF_RETENTION_DAYS
    await stack.api.db.sql`
      update delivery_proofs
      set recorded_at = now() - make_interval(days => ${days + 1})
      where shipment_id = ${old.shipment.id}
    `
    expect(await sweepExpiredProofs(stack.api.deps)).toBeGreaterThanOrEqual(1)

    const { objects } = stack.api.deps
    expect(await objects.describe(old.photoKey)).toBeNull()
    expect(await objects.describe(old.signatureKey)).toBeNull()
    expect(await objects.describe(recent.photoKey)).not.toBeNull()
    const view = (id: string) =>
      stack.api.request('GET', `/api/shipments/${id}/proof`, { token: stack.people.admin.token })
    expect((await view(old.shipment.id)).body.proofs).toEqual([])
    expect((await view(recent.shipment.id)).body.proofs).toHaveLength(1)
  })

  it('deletes files uploaded and never attached a day after their links, and keeps attached ones', async () => {
    // A delivery whose first try never reached the server: the phone sent it again with new links.
    const lost = await uploaded()
    const resent = await uploaded(lost.shipment)
    const delivered = await deliverWith(lost.shipment.id, {
      photoKeys: [resent.photoKey],
      signatureKey: resent.signatureKey,
    })
    expect(delivered.status).toBe(200)
    const { objects } = stack.api.deps
    // Within the day a phone may still attach them: nothing goes.
    expect(await sweepAbandonedUploads(stack.api.deps)).toBe(0)
    expect(await objects.describe(lost.photoKey)).not.toBeNull()

    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000)
    expect(await sweepAbandonedUploads(stack.api.deps, tomorrow)).toBeGreaterThanOrEqual(2)
    expect(await objects.describe(lost.photoKey)).toBeNull()
    expect(await objects.describe(lost.signatureKey)).toBeNull()
    expect(await objects.describe(resent.photoKey)).not.toBeNull()
    expect(await objects.describe(resent.signatureKey)).not.toBeNull()
    const left = await stack.api.db.sql`select key from proof_uploads`
    expect(left).toEqual([])
  })
})
