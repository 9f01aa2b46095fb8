import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { signHs256, verifyHs256 } from '../src/auth/hs256'

const SECRET = 'a-secret-of-thirty-two-characters'
const now = () => Math.floor(Date.now() / 1000)
const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url')

describe('HS256 access tokens', () => {
  it('gives back the claims a token was signed with', () => {
    const claims = { iss: 'dropmate', sub: 'u1', iat: now(), exp: now() + 60, role: 'driver' }
    expect(verifyHs256(signHs256(claims, SECRET), SECRET)).toEqual(claims)
  })

  it('takes the tokens hono/jwt signed, so sessions survive the change of signer', async () => {
    const claims = { iss: 'dropmate', sub: 'u1', exp: now() + 60 }
    expect(verifyHs256(await sign(claims, SECRET, 'HS256'), SECRET)).toEqual(claims)
  })

  it('refuses a token signed with another secret or another algorithm, or not signed', async () => {
    const claims = { sub: 'u1', exp: now() + 60 }
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`
    for (const token of [
      signHs256(claims, 'another-secret-of-thirty-two-chars'),
      await sign(claims, SECRET, 'HS512'),
      unsigned,
    ]) {
      expect(verifyHs256(token, SECRET)).toBeNull()
    }
  })

  it('refuses a token changed after signing, in its claims, its header or its signature', () => {
    const token = signHs256({ sub: 'u1', role: 'driver', exp: now() + 60 }, SECRET)
    const [header, , signature] = token.split('.')
    const promoted = `${header}.${part({ sub: 'u1', role: 'admin', exp: now() + 60 })}.${signature}`
    const relabelled = `${part({ alg: 'HS512', typ: 'JWT' })}.${token.split('.')[1]}.${signature}`
    for (const bad of [promoted, relabelled, `${token}x`, token.slice(0, -1), 'a.b', 'garbage']) {
      expect(verifyHs256(bad, SECRET)).toBeNull()
    }
  })

  it('refuses a token expired, not valid yet, issued in the future, or of no claims object', () => {
    for (const claims of [
      { sub: 'u1', exp: now() },
      { sub: 'u1', exp: now() + 60, nbf: now() + 30 },
      { sub: 'u1', exp: now() + 60, iat: now() + 30 },
      { sub: 'u1', exp: 'tomorrow' },
    ]) {
      expect(verifyHs256(signHs256(claims, SECRET), SECRET)).toBeNull()
    }
    expect(verifyHs256(signHs256(['not', 'claims'] as never, SECRET), SECRET)).toBeNull()
  })
})
