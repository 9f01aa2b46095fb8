import { z } from 'zod'

/** What a driver attaches to a delivered or failed parcel. */
export const PROOF_KINDS = ['photo', 'signature'] as const
export type ProofKind = (typeof PROOF_KINDS)[number]
/** What phones upload after resizing: camera photos and the signature pad, as images. */
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** A photo resized on the phone (longest side 1600 px) is well under 1 MiB; this is ample. */
export const PROOF_MAX_BYTES = 8 * 1024 * 1024
/** Photos one attempt may carry. */
export const PROOF_MAX_PHOTOS = 4

/** One presigned upload, as `POST /api/shipments/{id}/proof-uploads` answers. */
export const ProofUpload = z.object({
  key: z.string().meta({ description: 'Name the file by this key in the status change' }),
  kind: z.enum(PROOF_KINDS),
  url: z.string().meta({ description: 'PUT the file here, with the headers given' }),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
})
export type ProofUpload = z.infer<typeof ProofUpload>

/** A proof with its files behind short-lived signed links. */
export const ProofView = z.object({
  outcome: z.enum(['delivered', 'failed']),
  recordedAt: z.string(),
  leftAtDoor: z.boolean(),
  photoUrls: z.array(z.string()),
  signatureUrl: z.string().nullable(),
  recipientName: z.string().nullable(),
  linksExpireAt: z.string(),
})
export type ProofView = z.infer<typeof ProofView>

/** The public tracking page's share of a proof: that it exists, and the photos. */
export const PublicProofView = z.object({
  outcome: z.enum(['delivered', 'failed']),
  recordedAt: z.string(),
  leftAtDoor: z.boolean(),
  photoUrls: z.array(z.string()),
  recipientInitials: z.string().nullable(),
  signed: z.boolean().meta({ description: 'Whether the recipient signed (never the signature)' }),
  linksExpireAt: z.string(),
})
export type PublicProofView = z.infer<typeof PublicProofView>
