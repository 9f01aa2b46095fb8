import { describe, expect, it } from 'vitest'
import { normalizeAddress, pointKey } from './address-query'

describe('normalizeAddress', () => {
  it('reads the same address typed two ways as one query', () => {
    expect(normalizeAddress('  Rua de São Miguel 21, Alfama ')).toBe('rua de sao miguel 21 alfama')
    expect(normalizeAddress('rua de sao miguel 21 -- alfama')).toBe('rua de sao miguel 21 alfama')
  })

  it('keeps letters of every script and drops what only punctuates', () => {
    expect(normalizeAddress('Straße 5; Köln')).toBe('straße 5 koln')
    expect(normalizeAddress('东京都 1-2')).toBe('东京都 1 2')
    expect(normalizeAddress(',,; ')).toBe('')
  })
})

describe('pointKey', () => {
  it('shares one key between clicks a few metres apart', () => {
    expect(pointKey(38.71351, -9.16049)).toBe(pointKey(38.71349, -9.16051))
    expect(pointKey(38.7135, -9.1605)).toBe('38.7135,-9.1605')
  })
})
