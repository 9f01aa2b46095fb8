import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import {
  PROOF_CONTENT_TYPES,
  PROOF_KINDS,
  PROOF_MAX_BYTES,
  PROOF_MAX_PHOTOS,
  ProofUpload,
} from '@dropmate/contracts/rest/proof'
import { recordProofUploads } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { proofKey } from '../proof-files'
import { findVisibleShipment } from '../visibility'

const UploadRequest = z
  .strictObject({
    files: z
      .array(
        z.strictObject({
          kind: z.enum(PROOF_KINDS),
          contentType: z.enum(PROOF_CONTENT_TYPES),
          size: z
            .number()
            .int()
            .min(1)
            .max(PROOF_MAX_BYTES)
            .openapi({ description: 'Bytes; the upload must be exactly this long' }),
        }),
      )
      .min(1)
      .max(PROOF_MAX_PHOTOS + 1),
  })
  .openapi('ProofUploadRequest')

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/{id}/proof-uploads',
  operationId: 'requestProofUploads',
  summary: 'Signed links to upload proof of delivery (photos, a signature) for a held parcel',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(UploadRequest) },
  responses: {
    201: json(z.object({ uploads: z.array(ProofUpload) }).openapi('ProofUploads'), 'PUT each'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export function requestProofUploads(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['driver'])] },
    async (c) => {
      const shipment = await findVisibleShipment(deps.sql, c.req.valid('param').id, c.var.actor)
      // A driver sees unassigned pending parcels too (to claim them); proof is for their own.
      if (shipment.driverId !== c.var.actor.driverId || shipment.status !== 'in_transit') {
        throw new ProblemError('not_deliverable', 'Proof is taken for a parcel you carry.')
      }
      const { files } = c.req.valid('json')
      if (files.filter((file) => file.kind === 'signature').length > 1) {
        throw new ProblemError('invalid_proof', 'One signature per attempt.', {
          errors: [{ field: 'body.files', message: 'at most one signature' }],
        })
      }
      const expiresAt = new Date(Date.now() + deps.config.PROOF_LINK_TTL_SECONDS * 1000)
      const uploads = await Promise.all(
        files.map(async ({ kind, contentType, size }) => {
          const key = proofKey(shipment.id, kind, contentType)
          const url = await deps.objects.presignUpload(key, { contentType, size })
          const headers = { 'content-type': contentType }
          return {
            key,
            kind,
            url,
            method: 'PUT' as const,
            headers,
            expiresAt: expiresAt.toISOString(),
          }
        }),
      )
      // Each file waits to be attached; one the phone never attaches is swept a day later.
      await recordProofUploads(
        deps.sql,
        shipment.id,
        uploads.map((upload) => upload.key),
      )
      c.header('cache-control', 'no-store')
      return c.json({ uploads }, 201)
    },
  )
}
