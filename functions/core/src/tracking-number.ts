import { randomBytes } from 'node:crypto'

/** Crockford's base32: no I, L, O or U, so a number read aloud over the phone survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const PREFIX = 'DM'
const RANDOM_CHARS = 12 // 60 random bits: guessing one live parcel among millions stays hopeless

const TRACKING_NUMBER = new RegExp(`^${PREFIX}[${ALPHABET}]{${RANDOM_CHARS}}$`)

/**
 * A new unguessable tracking number from the system's CSPRNG.
 *
 * @example
 * newTrackingNumber() // 'DM7K3QX9B2MTP4'
 */
export function newTrackingNumber(): string {
  // 256 is a multiple of 32, so masking each byte to 5 bits keeps every character uniform.
  const chars = Array.from(randomBytes(RANDOM_CHARS), (byte) => ALPHABET[byte & 31])
  return PREFIX + chars.join('')
}

/**
 * Reads a tracking number the way people type it: any case, with spaces or dashes, and the
 * letters Crockford maps to digits (O → 0, I and L → 1). Returns null when it cannot be one.
 */
export function normalizeTrackingNumber(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return TRACKING_NUMBER.test(cleaned) ? cleaned : null
}
