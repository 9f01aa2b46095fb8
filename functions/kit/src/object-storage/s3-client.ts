// The AWS SDK's S3 client and presigner (about 400 KiB bundled) as one module, loaded with the
// first proof file a process signs or checks: bundles keep it in a file of their own
// (knative/src/bundles.ts), so the functions that never touch a proof never read it, and the
// ones that do read it after their cold start, not during it.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { AnyApp } from '@dropmate/runtime'
import { inProcessHandler } from './in-process-handler'
import type { StoredObject } from './object-store'

export interface S3Options {
  endpoint: string
  region: string
  bucket: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** How long a signed link lives, in seconds. */
  expiresIn: number
  /** The endpoint's app when it is served by this very process: reached without a socket. */
  inProcess?: AnyApp
}

/** The store's operations on one bucket, as signed links and SDK calls. */
export type S3Bucket = ReturnType<typeof openS3Bucket>

export function openS3Bucket({
  endpoint,
  region,
  bucket,
  credentials,
  expiresIn,
  inProcess,
}: S3Options) {
  const client = new S3Client({
    endpoint,
    region,
    credentials,
    forcePathStyle: true,
    // Browsers upload with a plain PUT: no checksum the SDK would otherwise add and sign.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(inProcess && { requestHandler: inProcessHandler(inProcess) }),
  })
  // The type and length are signed: the store refuses a PUT of anything else.
  const signedHeaders = new Set(['content-type', 'content-length'])
  return {
    presignUpload(key: string, file: StoredObject): Promise<string> {
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: file.contentType,
        ContentLength: file.size,
      })
      return getSignedUrl(client, command, { expiresIn, signableHeaders: signedHeaders })
    },
    presignDownload(key: string): Promise<string> {
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn })
    },
    async describe(key: string): Promise<StoredObject | null> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? '' }
      } catch (error) {
        if (error instanceof NotFound) return null
        throw error
      }
    },
    async remove(key: string): Promise<void> {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
  }
}
