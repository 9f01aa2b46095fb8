import { createPublicKey } from 'node:crypto'

// The push services browsers subscribe at: Chrome and Edge on Android and desktop (FCM),
// Firefox, Edge on Windows (WNS), and Safari. DropMate posts only to these, so a
// subscription cannot make the server post to a host inside the cluster.
const PUSH_SERVICES = [
  'fcm.googleapis.com',
  'push.services.mozilla.com',
  'notify.windows.com',
  'push.apple.com',
]

/**
 * What is wrong with a subscription's endpoint, or null: https at a known push service,
 * unless `anyService` (a test's push service on loopback).
 */
export function endpointProblem(endpoint: string, anyService: boolean): string | null {
  if (anyService) return null
  const { protocol, hostname } = new URL(endpoint)
  if (protocol !== 'https:') return 'must be an https URL'
  const known = PUSH_SERVICES.some((host) => hostname === host || hostname.endsWith(`.${host}`))
  return known ? null : `must be at a browser's push service (${PUSH_SERVICES.join(', ')})`
}

/** Whether `p256dh` (base64url) is a public key on P-256, which the push is encrypted for. */
export function isP256PublicKey(p256dh: string): boolean {
  const point = Buffer.from(p256dh, 'base64url')
  if (point.length !== 65 || point[0] !== 4) return false
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    })
    return true
  } catch {
    return false
  }
}
