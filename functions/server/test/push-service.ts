import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One push as the push service took it. */
export interface ReceivedPush {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * A loopback HTTP server standing in for a browser vendor's push service (RFC 8030): it
 * records each `POST /push/<id>` and answers 201, or what a test says.
 */
export async function startPushService() {
  const received: ReceivedPush[] = []
  let statuses = [201]
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!
      received.push({ path: request.url!, headers: request.headers, body: Buffer.concat(chunks) })
      response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** What it answers from now on: each status in turn, the last one for good. */
    answer(...next: [number, ...number[]]) {
      statuses = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * A browser's side of a push subscription: its P-256 key pair and authentication secret,
 * and the subscription JSON its Push API would hand the app.
 */
export function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1')
  const publicKey = ecdh.generateKeys()
  const authSecret = randomBytes(16)
  return {
    json: {
      endpoint,
      expirationTime: null,
      keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
    },
    /** The push's plaintext, decrypted as RFC 8291 (aes128gcm) says, by node:crypto alone. */
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16)
      const idLength = body[20]!
      const serverKey = body.subarray(21, 21 + idLength)
      const record = body.subarray(21 + idLength)
      const hmac = (key: Buffer, ...data: Buffer[]) =>
        createHmac('sha256', key).update(Buffer.concat(data)).digest()
      const shared = ecdh.computeSecret(serverKey)
      const info = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, serverKey])
      const ikm = hmac(hmac(authSecret, shared), info, Buffer.from([1]))
      const prk = hmac(salt, ikm)
      const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0'), Buffer.from([1]))
      const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0'), Buffer.from([1]))
      const decipher = createDecipheriv('aes-128-gcm', cek.subarray(0, 16), nonce.subarray(0, 12))
      decipher.setAuthTag(record.subarray(record.length - 16))
      const padded = Buffer.concat([
        decipher.update(record.subarray(0, record.length - 16)),
        decipher.final(),
      ])
      // The last record ends with the delimiter 2, then any padding zeros.
      let end = padded.length - 1
      while (padded[end] === 0) end--
      if (padded[end] !== 2) throw new Error('no last-record delimiter')
      return padded.subarray(0, end).toString('utf8')
    },
  }
}

/**
 * The claims of a push's VAPID authorization (RFC 8292) once its ES256 signature checks out
 * against the key it names, or an error saying why not.
 */
export function vapidClaims(authorization: string, publicKey: string) {
  const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(authorization) ?? []
  if (!token || key !== publicKey) throw new Error(`not a VAPID authorization: ${authorization}`)
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const point = Buffer.from(publicKey, 'base64url')
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  }
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  )
  if (!signed) throw new Error('the VAPID signature does not verify')
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    aud: string
    exp: number
    sub: string
  }
}
