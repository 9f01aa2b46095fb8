import { DriverLocationData } from '@dropmate/contracts/driver-events'
import { PingData } from '@dropmate/contracts/ping'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { eventDataIssue } from './request-issues'

/** What is said of `data` that `schema` refuses. */
function said(schema: z.ZodType, data: unknown): string {
  const result = schema.safeParse(data)
  if (result.success) throw new Error('the schema took it')
  return eventDataIssue(result.error.issues, data)
}

describe("an event's bad data, in one line", () => {
  it('says a field left out is required, naming it from data', () => {
    expect(said(PingData, { lng: -9.14 })).toBe('data.lat: is required')
  })

  it('names an unknown field by its own path', () => {
    expect(said(PingData, { lat: 38.7, lng: -9.14, altitude: 80 })).toBe(
      'data.altitude: is not a known field',
    )
  })

  it("gives zod's words for a field of the wrong type, and for data that is no object", () => {
    expect(said(PingData, { lat: '38.7', lng: -9.14 })).toBe(
      'data.lat: Invalid input: expected number, received string',
    )
    expect(said(PingData, [38.7, -9.14])).toBe(
      'data: Invalid input: expected object, received array',
    )
    expect(said(DriverLocationData, undefined)).toBe('data: is required')
  })
})
