/**
 * When a JWT says it expires (`exp`, in ms since the epoch): our access tokens and Firebase ID
 * tokens are both JWTs. Read without checking the signature, so only for a token the
 * authenticator has just accepted; undefined when it names no expiry.
 *
 * @example
 * expiryOf(accessToken) // 1764150000000
 */
export function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())
    return typeof payload?.exp === 'number' ? payload.exp * 1000 : undefined
  } catch {
    return undefined
  }
}
