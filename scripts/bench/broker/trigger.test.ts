import { matches, parseTriggers, resolveDestination } from '@dropmate/broker/triggers'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { describe, expect, it } from 'vitest'
import { BENCH_TRIGGER, triggerYaml } from './trigger'

describe('triggerYaml', () => {
  it('is one valid Trigger that routes status changes to the subscriber and nothing else', () => {
    const [trigger, ...others] = parseTriggers(triggerYaml('http://127.0.0.1:4321'), 'bench.yaml')
    expect(others).toEqual([])
    expect(trigger!.name).toBe(BENCH_TRIGGER)
    const resolve = () => 'http://unused'
    expect(resolveDestination(trigger!.subscriber, resolve)).toBe('http://127.0.0.1:4321/events')
    expect(matches(trigger!, { type: EVENT_TYPES.shipmentStatusChanged })).toBe(true)
    expect(matches(trigger!, { type: EVENT_TYPES.shipmentCreated })).toBe(false)
  })
})
