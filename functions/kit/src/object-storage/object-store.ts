import type { Config } from '@dropmate/core'
import type { AnyApp } from '@dropmate/runtime'
import { join } from 'node:path'
import { keptSecret } from '../kept-secret'
import { embeddedEndpoint, EMBEDDED_PATH } from './embedded-endpoint'
import type { S3Bucket, S3Options } from './s3-client'

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
 * The SDK itself loads with the first call, not with the process.
 */
export async function createObjectStore(config: Config): Promise<ObjectStore> {
  const common = {
    region: config.OBJECT_STORAGE_REGION,
    bucket: config.OBJECT_STORAGE_BUCKET,
    expiresIn: config.PROOF_LINK_TTL_SECONDS,
  }
  let options: S3Options
  let endpoint: AnyApp | undefined
  let toPage = (url: string) => url
  if (config.OBJECT_STORAGE_URL) {
    options = {
      ...common,
      endpoint: config.OBJECT_STORAGE_URL,
      credentials: {
        accessKeyId: config.OBJECT_STORAGE_ACCESS_KEY_ID!,
        secretAccessKey: config.OBJECT_STORAGE_SECRET_ACCESS_KEY!,
      },
    }
  } else {
    const base = new URL(EMBEDDED_PATH, config.PUBLIC_URL)
    const credentials = {
      accessKeyId: EMBEDDED_ACCESS_KEY,
      secretAccessKey: await keptSecret(config.DATA_DIR, 'object-storage-secret'),
    }
    endpoint = embeddedEndpoint({
      dir: join(config.DATA_DIR, 'objects'),
      bucket: common.bucket,
      host: base.host,
      region: common.region,
      credentials,
    })
    options = { ...common, endpoint: base.href, credentials, inProcess: endpoint }
    toPage = (url) => url.slice(base.origin.length)
  }
  let opened: Promise<S3Bucket> | undefined
  const bucket = () => (opened ??= import('./s3-client').then((sdk) => sdk.openS3Bucket(options)))
  return {
    presignUpload: async (key, file) => toPage(await (await bucket()).presignUpload(key, file)),
    presignDownload: async (key) => toPage(await (await bucket()).presignDownload(key)),
    describe: async (key) => (await bucket()).describe(key),
    remove: async (key) => (await bucket()).remove(key),
    origin: config.OBJECT_STORAGE_URL ? new URL(config.OBJECT_STORAGE_URL).origin : null,
    endpoint,
  }
}
