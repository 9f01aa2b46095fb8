import { describe, expect, it } from 'vitest'
import { DatabaseUnavailableError, isDatabaseUnavailable } from './connection-errors'

const coded = (code: string) => Object.assign(new Error(code), { code })

describe('isDatabaseUnavailable', () => {
  it('recognises a lost or refused connection, whoever noticed it', () => {
    for (const code of ['CONNECTION_CLOSED', 'CONNECT_TIMEOUT', 'ECONNREFUSED', '57P01', '53300']) {
      expect(isDatabaseUnavailable(coded(code))).toBe(true)
    }
    expect(isDatabaseUnavailable(coded('08006'))).toBe(true)
    expect(isDatabaseUnavailable(new DatabaseUnavailableError('connect ECONNREFUSED'))).toBe(true)
    expect(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED')]))).toBe(true)
  })

  it('leaves errors of the query itself alone', () => {
    for (const error of [coded('23505'), coded('42P01'), coded('40001'), new Error('boom'), null]) {
      expect(isDatabaseUnavailable(error)).toBe(false)
    }
  })
})
