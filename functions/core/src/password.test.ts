import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'

describe('password hashes', () => {
  it('accept the password they were made from and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('never store the password and salt every hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('s3cret'), hashPassword('s3cret')])
    expect(first).not.toContain('s3cret')
    expect(first).not.toBe(second)
  })

  it('treat differently composed but equal Unicode as the same password', async () => {
    const stored = await hashPassword('Caf\u00e9')
    expect(await verifyPassword(stored, 'Cafe\u0301')).toBe(true)
  })

  it('refuse malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$c2FsdA$a2V5', 'bcrypt$15$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword(stored, 'anything')).toBe(false)
    }
  })
})
