import { describe, expect, it } from 'vitest'
import { PUBLIC_STATUS, publicTimelineLabel } from './format'

describe('publicTimelineLabel', () => {
  it('names the moment the driver came within reach of the door', () => {
    expect(publicTimelineLabel('arriving')).toBe('Driver nearby')
  })

  it('names every status as the customer reads it', () => {
    expect(publicTimelineLabel('in_transit')).toBe(PUBLIC_STATUS.in_transit)
  })

  it('calls an entry without a status an update', () => {
    expect(publicTimelineLabel(null)).toBe('Update')
  })
})
