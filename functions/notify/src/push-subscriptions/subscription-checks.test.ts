import { createECDH } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { endpointProblem, isP256PublicKey } from './subscription-checks'

describe('endpointProblem', () => {
  it("takes browsers' push services over https", () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:APA91b',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
      'https://web.push.apple.com/QGZ4',
    ]) {
      expect(endpointProblem(endpoint, false), endpoint).toBeNull()
    }
  })

  it('refuses anything that would point the server elsewhere', () => {
    for (const endpoint of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://10.0.0.5/push',
      'https://redis.dropmate.svc.cluster.local/x',
      'https://fcm.googleapis.com.evil.example/x',
      'https://notfcm.googleapis.com.example/x',
    ]) {
      expect(endpointProblem(endpoint, false), endpoint).not.toBeNull()
    }
    expect(endpointProblem('http://127.0.0.1:9/push/1', true)).toBeNull()
  })
})

describe('isP256PublicKey', () => {
  it('knows a browser key from bytes that only look like one', () => {
    const key = createECDH('prime256v1').generateKeys().toString('base64url')
    expect(isP256PublicKey(key)).toBe(true)
    expect(isP256PublicKey(Buffer.alloc(65, 0).fill(4, 0, 1).toString('base64url'))).toBe(false)
    expect(isP256PublicKey(Buffer.alloc(33, 2).toString('base64url'))).toBe(false)
  })
})
