import jws from 'jws'

const HEADER = { alg: 'HS256', typ: 'JWT' } as const

/** A token's claims: what the service put in when it signed it. */
export type Claims = Record<string, unknown>

/** An HS256 JSON Web Token of `claims`, signed with `secret` (its UTF-8 bytes). */
export function signHs256(claims: Claims, secret: string): string {
  return jws.sign({ header: HEADER, payload: claims, secret })
}

/**
 * The claims of an HS256 token signed with `secret`, or null for any token that is not one:
 * malformed, another algorithm, a signature that does not match, expired, not yet valid or
 * issued in the future (RFC 7519 §4.1). jws computes the HMAC with node:crypto as it is
 * asked; WebCrypto's (hono/jwt) runs as an asynchronous job, 28-75 µs a token against 13,
 * and each phone's first ping after a restart or a new token has one to check.
 */
export function verifyHs256(token: string, secret: string): Claims | null {
  let decoded: jws.Signature | null
  try {
    if (!jws.verify(token, HEADER.alg, secret)) return null
    decoded = jws.decode(token, { json: true })
  } catch {
    return null
  }
  if (decoded?.header.alg !== HEADER.alg) return null
  const claims: unknown = decoded.payload
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null
  const { exp, nbf, iat } = claims as Claims
  const now = Math.floor(Date.now() / 1000)
  if (exp !== undefined && !(isTime(exp) && exp > now)) return null
  if (nbf !== undefined && !(isTime(nbf) && nbf <= now)) return null
  if (iat !== undefined && !(isTime(iat) && iat <= now)) return null
  return claims as Claims
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
