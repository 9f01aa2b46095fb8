import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

// Standard Webhooks: a secret is whsec_ and the base64 of 24 to 64 random bytes.
const SECRET_BYTES = 32
const SEALED = 'sealed:'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * A new signing secret, as the Standard Webhooks specification spells one.
 *
 * @example
 * newWebhookSecret() // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw…'
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`
}

/**
 * The secret as stored: sealed with AES-256-GCM when WEBHOOKS_SECRET_KEY is set, so a copy of
 * the database alone cannot sign; as issued otherwise, since signing needs it readable.
 */
export function sealWebhookSecret(secret: string, key: string | undefined): string {
  if (!key) return secret
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv)
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return SEALED + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
}

/** The secret to sign with, from its stored form; throws when sealed with another key. */
export function openWebhookSecret(stored: string, key: string | undefined): string {
  if (!stored.startsWith(SEALED)) return stored
  if (!key) throw new Error('the webhook secret is sealed and WEBHOOKS_SECRET_KEY is not set')
  const bytes = Buffer.from(stored.slice(SEALED.length), 'base64')
  const decipher = createDecipheriv('aes-256-gcm', keyOf(key), bytes.subarray(0, IV_BYTES))
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  const opened = Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ])
  return opened.toString('utf8')
}

/** AES-256 wants 32 bytes: WEBHOOKS_SECRET_KEY is any 32 or more random characters. */
function keyOf(setting: string): Buffer {
  return createHash('sha256').update(setting).digest()
}
