import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { Config } from '@dropmate/core'
import type { AnyApp } from '@dropmate/runtime'
import { join } from 'node:path'
import { keptSecret } from '../kept-secret'
import { embeddedEndpoint, EMBEDDED_PATH } from './embedded-endpoint'
import { inProcessHandler } from './in-process-handler'

/** What an uploaded object turned out to be. */
export interface StoredObject {
  size: number
  contentType: string
}

/** Private files behind short-lived signed links: S3-compatible, or the product's own. */
export interface ObjectStore {
  /** A signed PUT for exactly this type and size, valid for PROOF_LINK_TTL_SECONDS. */
  presignUpload(key: string, file: StoredObject): Promise<string>
  /** A signed GET, valid for PROOF_LINK_TTL_SECONDS. */
  presignDownload(key: string): Promise<string>
  /** What is stored under `key`, or null when nothing is. */
  describe(key: string): Promise<StoredObject | null>
  remove(key: string): Promise<void>
  /** The store's origin for the pages' CSP; null when it is the product's own origin. */
  origin: string | null
  /** The embedded endpoint, for the process to serve, when no store is configured. */
  endpoint?: AnyApp
}

/** The embedded endpoint's one key pair, for the SDK on both sides of it. */
const EMBEDDED_ACCESS_KEY = 'dropmate-embedded'

/**
 * The S3 client for OBJECT_STORAGE_URL, or, unset, for the product's own endpoint on files
 * under DATA_DIR: the same SDK calls and SigV4 links either way. The embedded endpoint is
 * reached in process (no request to itself over the network), and the links it signs are
 * handed to pages relative to their own origin, whatever host they reached the product by.
 */
export async function createObjectStore(config: Config): Promise<ObjectStore> {
  const bucket = config.OBJECT_STORAGE_BUCKET
  const expiresIn = config.PROOF_LINK_TTL_SECONDS
  const common = {
    region: config.OBJECT_STORAGE_REGION,
    forcePathStyle: true,
    // Browsers upload with a plain PUT: no checksum the SDK would otherwise add and sign.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  } as const
  let client: S3Client
  let endpoint: AnyApp | undefined
  let toPage = (url: string) => url
  if (config.OBJECT_STORAGE_URL) {
    client = new S3Client({
      ...common,
      endpoint: config.OBJECT_STORAGE_URL,
      credentials: {
        accessKeyId: config.OBJECT_STORAGE_ACCESS_KEY_ID!,
        secretAccessKey: config.OBJECT_STORAGE_SECRET_ACCESS_KEY!,
      },
    })
  } else {
    const base = new URL(EMBEDDED_PATH, config.PUBLIC_URL)
    const credentials = {
      accessKeyId: EMBEDDED_ACCESS_KEY,
      secretAccessKey: await keptSecret(config.DATA_DIR, 'object-storage-secret'),
    }
    endpoint = embeddedEndpoint({
      dir: join(config.DATA_DIR, 'objects'),
      bucket,
      host: base.host,
      region: config.OBJECT_STORAGE_REGION,
      credentials,
    })
    client = new S3Client({
      ...common,
      endpoint: base.href,
      credentials,
      requestHandler: inProcessHandler(endpoint),
    })
    toPage = (url) => url.slice(base.origin.length)
  }
  // The type and length are signed: the store refuses a PUT of anything else.
  const signedHeaders = new Set(['content-type', 'content-length'])
  return {
    async presignUpload(key, file) {
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: file.contentType,
        ContentLength: file.size,
      })
      return toPage(
        await getSignedUrl(client, command, { expiresIn, signableHeaders: signedHeaders }),
      )
    },
    async presignDownload(key) {
      const command = new GetObjectCommand({ Bucket: bucket, Key: key })
      return toPage(await getSignedUrl(client, command, { expiresIn }))
    },
    async describe(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? '' }
      } catch (error) {
        if (error instanceof NotFound) return null
        throw error
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    origin: config.OBJECT_STORAGE_URL ? new URL(config.OBJECT_STORAGE_URL).origin : null,
    endpoint,
  }
}
