import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * scrypt parameters: N = 2^15, r = 8, p = 1 costs 32 MiB and ~60 ms per hash here, enough
 * to make offline guessing expensive while login stays quick on a two-core machine.
 * They are stored in every hash, so raising them later does not lock anyone out.
 */
const COST_LOG2 = 15
const BLOCK_SIZE = 8
const PARALLELISM = 1
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number) {
  return new Promise<Buffer>((resolve, reject) => {
    const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0) // scrypt needs 128·N·r bytes
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/**
 * Hashes a password as `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64url parts).
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple')
 * await verifyPassword(stored, 'correct horse battery staple') // true
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const options = { N: 2 ** COST_LOG2, r: BLOCK_SIZE, p: PARALLELISM }
  const key = await derive(password, salt, options, KEY_LENGTH)
  const parts = [COST_LOG2, BLOCK_SIZE, PARALLELISM, salt.toString('base64url')]
  return ['scrypt', ...parts, key.toString('base64url')].join('$')
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, costLog2, blockSize, parallelism, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const options = { N: 2 ** Number(costLog2), r: Number(blockSize), p: Number(parallelism) }
  if (!Object.values(options).every(Number.isSafeInteger) || expected.length === 0) return false
  const actual = await derive(password, Buffer.from(salt, 'base64url'), options, expected.length)
  return timingSafeEqual(actual, expected)
}
