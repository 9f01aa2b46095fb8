import { Hono, type Context } from 'hono'
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { checkSignature, type SignatureFault, type SigningKey } from './signature-check'

/** Where the product serves its own store: `/object-storage/{bucket}/{key}`, path-style. */
export const EMBEDDED_PATH = '/object-storage'
/** The largest object the embedded store takes: a phone photo after resizing is far less. */
export const MAX_OBJECT_BYTES = 8 * 1024 * 1024

// Each segment starts with a letter or digit: no "..", no ".", no hidden files, no
// absolute paths, so a key can never name a file outside the bucket's folder.
const KEY = /^[A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)*$/
const MAX_KEY_LENGTH = 512
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+$/

export interface EmbeddedStoreOptions extends SigningKey {
  /** The folder that holds the bucket's files (DATA_DIR/objects). */
  dir: string
  bucket: string
}

/**
 * The smallest S3-compatible endpoint the product needs, on files under DATA_DIR: PUT, GET,
 * HEAD and DELETE of one object in one bucket, each SigV4-signed (a header or a presigned
 * link, checked by the SDK's own signer) and in date; nothing else. Metadata (the content
 * type) sits in a `.meta` folder no key can name.
 */
export function embeddedEndpoint(options: EmbeddedStoreOptions) {
  const { dir, bucket } = options
  const fileOf = (key: string) => join(dir, bucket, key)
  const metaOf = (key: string) => join(dir, bucket, '.meta', key)

  const path = `${EMBEDDED_PATH}/:bucket/*`
  // Each method a route of its own, so logs and metrics name this endpoint's route; the
  // shell answers any other method 405.
  return new Hono<{ Variables: { key: string } }>()
    .use(path, async (c, next) => {
      if (c.req.param('bucket') !== bucket) return fault(c, 404, 'NoSuchBucket')
      const key = keyOf(c.req.path, `${EMBEDDED_PATH}/${bucket}/`)
      if (!key) return fault(c, 400, 'InvalidKey')
      const refused = await checkSignature(c.req.raw, options)
      if (refused) return fault(c, 403, refused)
      c.set('key', key)
      return next()
    })
    .put(path, (c) => put(c, fileOf(c.var.key), metaOf(c.var.key)))
    .on(['GET', 'HEAD'], path, async (c) => {
      const { key } = c.var
      const found = await described(fileOf(key), metaOf(key))
      if (!found) return fault(c, 404, 'NoSuchKey')
      const headers = {
        'content-type': found.contentType,
        'content-length': String(found.size),
        'cache-control': 'private, no-store',
      }
      if (c.req.method === 'HEAD') return c.body(null, 200, headers)
      const body = Readable.toWeb(createReadStream(fileOf(key))) as ReadableStream
      return c.body(body, 200, headers)
    })
    .delete(path, async (c) => {
      await rm(fileOf(c.var.key), { force: true })
      await rm(metaOf(c.var.key), { force: true })
      return c.body(null, 204)
    })
}

async function put(c: Context, file: string, meta: string) {
  const declared = Number(c.req.header('content-length'))
  if (!c.req.header('content-length') || !Number.isInteger(declared)) {
    return fault(c, 411, 'MissingContentLength')
  }
  if (declared > MAX_OBJECT_BYTES) return fault(c, 400, 'EntityTooLarge')
  const contentType = c.req.header('content-type') ?? 'application/octet-stream'
  if (!CONTENT_TYPE.test(contentType)) return fault(c, 400, 'InvalidArgument')
  const body = Buffer.from(await c.req.arrayBuffer())
  if (body.length !== declared) return fault(c, 400, 'IncompleteBody')
  // Written beside and renamed: a reader never sees half a photo.
  const partial = `${file}.${randomUUID()}.part`
  await mkdir(dirname(file), { recursive: true })
  await mkdir(dirname(meta), { recursive: true })
  await writeFile(partial, body, { mode: 0o600 })
  await writeFile(meta, contentType, { mode: 0o600 })
  await rename(partial, file)
  return c.body(null, 200)
}

async function described(file: string, meta: string) {
  try {
    const [info, contentType] = await Promise.all([stat(file), readFile(meta, 'utf8')])
    return { size: info.size, contentType }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** The object key in a request path, or null when it is not one this store allows. */
function keyOf(path: string, prefix: string): string | null {
  if (!path.startsWith(prefix)) return null
  let key: string
  try {
    key = decodeURIComponent(path.slice(prefix.length))
  } catch {
    return null
  }
  return key.length <= MAX_KEY_LENGTH && KEY.test(key) ? key : null
}

/** An S3 error document: what SDKs and browsers expect from a store. */
function fault(c: Context, status: number, code: SignatureFault | string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code></Error>`
  if (c.req.method === 'HEAD') return c.body(null, status as 404)
  return c.body(body, status as 404, { 'content-type': 'application/xml' })
}
