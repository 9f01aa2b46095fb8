import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from './secret'

const KEY = randomBytes(32).toString('base64url')

describe('webhook secrets', () => {
  it('are whsec_ and the base64 of 32 random bytes, as Standard Webhooks spells them', () => {
    const secret = newWebhookSecret()
    expect(secret).toMatch(/^whsec_/)
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32)
    expect(newWebhookSecret()).not.toBe(secret)
  })

  it('are sealed at rest with a key, and opened with it', () => {
    const secret = newWebhookSecret()
    const sealed = sealWebhookSecret(secret, KEY)
    expect(sealed).not.toContain(secret.slice('whsec_'.length))
    expect(openWebhookSecret(sealed, KEY)).toBe(secret)
  })

  it('are kept as issued without a key', () => {
    const secret = newWebhookSecret()
    expect(openWebhookSecret(sealWebhookSecret(secret, undefined), undefined)).toBe(secret)
  })

  it('do not open with another key', () => {
    const sealed = sealWebhookSecret(newWebhookSecret(), KEY)
    expect(() => openWebhookSecret(sealed, randomBytes(32).toString('base64url'))).toThrow()
    expect(() => openWebhookSecret(sealed, undefined)).toThrow('WEBHOOKS_SECRET_KEY')
  })
})
