import { describe, expect, it } from 'vitest'
import { expiryOf } from './token-expiry'

const jwt = (payload: object) =>
  ['{"alg":"HS256"}', JSON.stringify(payload), 'signature']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.')

describe('expiryOf', () => {
  it('reads when a JWT expires, in milliseconds', () => {
    expect(expiryOf(jwt({ sub: 'u', exp: 1_764_150_000 }))).toBe(1_764_150_000_000)
  })

  it('says nothing for a token without an expiry, or one that is not a JWT', () => {
    expect(expiryOf(jwt({ sub: 'u' }))).toBeUndefined()
    expect(expiryOf('opaque-token')).toBeUndefined()
    expect(expiryOf('a.%%%.c')).toBeUndefined()
  })
})
