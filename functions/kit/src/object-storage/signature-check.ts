import { Hash } from '@smithy/hash-node'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { timingSafeEqual } from 'node:crypto'

export interface SigningKey {
  host: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string }
}

/** Why a request's signature is refused, as S3 names it. */
export type SignatureFault = 'AccessDenied' | 'SignatureDoesNotMatch' | 'RequestTimeTooSkewed'

// S3 refuses a header-signed request dated more than 15 minutes off, and links longer than
// a week.
const SKEW_MS = 15 * 60 * 1000
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/[^,\s]+,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/

/**
 * Checks a request's SigV4 signature (an Authorization header, or a presigned link's query)
 * by signing the same request again with the SDK's own signer and comparing: null when it
 * matches and is in date. `host` is the endpoint's configured one: a link is signed for it
 * and handed to pages relative to whatever host they reached the product by.
 */
export async function checkSignature(
  request: Request,
  key: SigningKey,
  now = new Date(),
): Promise<SignatureFault | null> {
  const url = new URL(request.url)
  const query = Object.fromEntries(url.searchParams)
  const signer = new SignatureV4({
    service: 's3',
    region: key.region,
    credentials: key.credentials,
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
    applyChecksum: false,
  })
  const unsigned = (signedHeaders: string, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...extra }
    for (const name of signedHeaders.split(';')) {
      headers[name] = name === 'host' ? key.host : (request.headers.get(name) ?? '')
    }
    const [hostname, port] = key.host.split(':')
    return new HttpRequest({
      method: request.method,
      protocol: url.protocol,
      hostname,
      port: port ? Number(port) : undefined,
      path: url.pathname,
      query,
      headers,
    })
  }

  const authorization = request.headers.get('authorization')
  if (authorization) {
    const [, accessKey, signedHeaders, signature] = AUTHORIZATION.exec(authorization) ?? []
    if (accessKey !== key.credentials.accessKeyId) return 'AccessDenied'
    const signingDate = amzDate(request.headers.get('x-amz-date'))
    if (!signingDate) return 'AccessDenied'
    if (Math.abs(now.getTime() - signingDate.getTime()) > SKEW_MS) return 'RequestTimeTooSkewed'
    const signed = await signer.sign(unsigned(signedHeaders!), { signingDate })
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1]
    return same(expected, signature) ? null : 'SignatureDoesNotMatch'
  }

  const { 'X-Amz-Signature': signature, ...rest } = query
  const credential = rest['X-Amz-Credential']?.split('/')[0]
  if (!signature || credential !== key.credentials.accessKeyId) return 'AccessDenied'
  const signingDate = amzDate(rest['X-Amz-Date'])
  const expiresIn = Number(rest['X-Amz-Expires'])
  if (!signingDate || !Number.isInteger(expiresIn) || expiresIn > MAX_EXPIRES_SECONDS) {
    return 'AccessDenied'
  }
  // An expired link is refused as S3 refuses it: access denied.
  if (now.getTime() > signingDate.getTime() + expiresIn * 1000) return 'AccessDenied'
  if (signingDate.getTime() - now.getTime() > SKEW_MS) return 'RequestTimeTooSkewed'
  const signedHeaders = rest['X-Amz-SignedHeaders'] ?? 'host'
  // The SDK's presigner signs with this header and hoists it into the query: put it back
  // where the signer takes the payload's hash from.
  const { 'X-Amz-Content-Sha256': payload, ...others } = rest
  if (payload !== 'UNSIGNED-PAYLOAD') return 'AccessDenied'
  const resigned = unsigned(signedHeaders, { 'X-Amz-Content-Sha256': payload })
  resigned.query = others
  const again = await signer.presign(resigned, {
    signingDate,
    expiresIn,
    signableHeaders: new Set(signedHeaders.split(';')),
  })
  return same(String(again.query?.['X-Amz-Signature']), signature) ? null : 'SignatureDoesNotMatch'
}

/** An ISO 8601 basic date, as SigV4 writes it: 20261206T021500Z. */
function amzDate(value: string | null | undefined): Date | null {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '')
  if (!parts) return null
  const [, y, mo, d, h, mi, s] = parts.map(Number)
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
}

function same(expected: string | undefined, given: string | undefined) {
  if (!expected || !given || expected.length !== given.length) return false
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given))
}
