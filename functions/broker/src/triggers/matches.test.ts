import { CloudEvent } from 'cloudevents'
import { describe, expect, it } from 'vitest'
import { matches } from './matches'
import { DEFAULT_DELIVERY, type Trigger } from './trigger'

const STATUS_CHANGED = 'com.dropmate.shipment.status_changed.v1'

function trigger(filter: Record<string, string>): Trigger {
  return {
    name: 'notify-status',
    broker: 'default',
    filter,
    subscriber: { uri: 'http://notify.test/' },
    delivery: { ...DEFAULT_DELIVERY },
  }
}

function event(extra: Record<string, unknown> = {}) {
  return new CloudEvent({
    type: STATUS_CHANGED,
    source: '/shipments',
    data: { status: 'delivered' },
    ...extra,
  })
}

describe('matches', () => {
  it('passes an event whose attribute equals the filter exactly', () => {
    expect(matches(trigger({ type: STATUS_CHANGED }), event())).toBe(true)
  })

  it('rejects an event whose attribute differs, even only in case or by a prefix', () => {
    expect(matches(trigger({ type: STATUS_CHANGED.toUpperCase() }), event())).toBe(false)
    expect(matches(trigger({ type: 'com.dropmate.shipment' }), event())).toBe(false)
  })

  it('needs every filter attribute to match', () => {
    const filter = { type: STATUS_CHANGED, source: '/shipments' }
    expect(matches(trigger(filter), event())).toBe(true)
    expect(matches(trigger({ ...filter, source: '/drivers' }), event())).toBe(false)
  })

  it('matches extensions like attributes', () => {
    const filter = { type: STATUS_CHANGED, tenant: 'bakery-42' }
    expect(matches(trigger(filter), event({ tenant: 'bakery-42' }))).toBe(true)
    expect(matches(trigger(filter), event({ tenant: 'florist-7' }))).toBe(false)
  })

  it('compares Integer and Boolean extensions by their string form', () => {
    expect(matches(trigger({ attempt: '2' }), event({ attempt: 2 }))).toBe(true)
    expect(matches(trigger({ urgent: 'true' }), event({ urgent: true }))).toBe(true)
  })

  it('never matches an attribute the event does not carry', () => {
    expect(matches(trigger({ subject: 'shipment-1' }), event())).toBe(false)
    expect(matches(trigger({ tenant: 'bakery-42' }), event())).toBe(false)
  })

  it('lets an empty filter value match any value of an attribute that is present', () => {
    expect(matches(trigger({ tenant: '' }), event({ tenant: 'bakery-42' }))).toBe(true)
    expect(matches(trigger({ subject: '' }), event({ subject: 'shipment-1' }))).toBe(true)
  })

  it('does not let an empty filter value match an absent or empty attribute', () => {
    expect(matches(trigger({ tenant: '' }), event())).toBe(false)
    expect(matches(trigger({ subject: '' }), event())).toBe(false)
    expect(matches(trigger({ tenant: '' }), { type: STATUS_CHANGED, tenant: '' })).toBe(false)
  })

  it('never looks at the data', () => {
    expect(matches(trigger({ status: 'delivered' }), event())).toBe(false)
    expect(matches(trigger({ data: '' }), event())).toBe(false)
    expect(matches(trigger({ data: 'x' }), { type: STATUS_CHANGED, data: 'x' })).toBe(false)
    const binary = event({ data: undefined, data_base64: 'eA==' })
    expect(matches(trigger({ data_base64: 'eA==' }), binary)).toBe(false)
  })

  it('does not mistake inherited object members for attributes', () => {
    expect(matches(trigger({ constructor: '' }), event())).toBe(false)
    expect(matches(trigger({ tostring: '' }), { type: STATUS_CHANGED })).toBe(false)
  })

  it('passes every event when the Trigger has no filter', () => {
    expect(matches(trigger({}), event())).toBe(true)
    expect(matches(trigger({}), {})).toBe(true)
  })
})
