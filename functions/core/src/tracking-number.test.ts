import { describe, expect, it } from 'vitest'
import { newTrackingNumber, normalizeTrackingNumber } from './tracking-number'

describe('tracking numbers', () => {
  it('are fourteen characters of prefix and Crockford base32', () => {
    expect(newTrackingNumber()).toMatch(/^DM[0-9ABCDEFGHJKMNPQRSTVWXYZ]{12}$/)
  })

  it('do not repeat across many draws', () => {
    const drawn = new Set(Array.from({ length: 20_000 }, newTrackingNumber))
    expect(drawn.size).toBe(20_000)
  })

  it('use every character of the alphabet in every position', () => {
    const seen = Array.from({ length: 12 }, () => new Set<string>())
    for (let i = 0; i < 4_000; i++) {
      ;[...newTrackingNumber().slice(2)].forEach((char, position) => seen[position]!.add(char))
    }
    expect(seen.every((chars) => chars.size === 32)).toBe(true)
  })

  it('are read back the way people type them', () => {
    const number = newTrackingNumber()
    const typed = `${number.slice(0, 6)} - ${number.slice(6)}`.toLowerCase()
    expect(normalizeTrackingNumber(typed)).toBe(number)
    expect(normalizeTrackingNumber('dm0o1il0o1il0o')).toBe('DM001110011100')
  })

  it('refuse what cannot be a tracking number', () => {
    expect(normalizeTrackingNumber('')).toBeNull()
    expect(normalizeTrackingNumber('DM123')).toBeNull()
    expect(normalizeTrackingNumber('XX7K3QX9B2MTP4')).toBeNull()
    expect(normalizeTrackingNumber('DM7K3QX9B2MTPU')).toBeNull()
    expect(normalizeTrackingNumber("DM7K3QX9B2MT' or 1=1")).toBeNull()
  })
})
