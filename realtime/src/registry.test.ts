import { describe, expect, it } from 'vitest'
import { createShipmentRegistry, type ActiveShipment } from './registry'

const shipment = (overrides: Partial<ActiveShipment> = {}): ActiveShipment => ({
  id: 's-1',
  trackingNumber: 'DM0000000000AA',
  status: 'in_transit',
  driverId: 'd-1',
  customerId: 'c-1',
  version: 4,
  ...overrides,
})

describe('the shipment registry', () => {
  it('knows which shipments a driver has in transit', () => {
    const registry = createShipmentRegistry()
    registry.apply(shipment())
    registry.apply(shipment({ id: 's-2', status: 'picked_up' }))
    registry.apply(shipment({ id: 's-3', driverId: 'd-2' }))
    expect(registry.inTransitWith('d-1').map((s) => s.id)).toEqual(['s-1'])
    expect(registry.isInTransitWith('s-1', 'd-1')).toBe(true)
    expect(registry.isInTransitWith('s-1', 'd-2')).toBe(false)
  })

  it('ignores an update older than what it knows, and says when one repeats it', () => {
    const registry = createShipmentRegistry()
    expect(registry.apply(shipment({ version: 5, status: 'delivered' }))).toBe('newer')
    expect(registry.apply(shipment({ version: 4 }))).toBe('stale')
    expect(registry.apply(shipment({ version: 5, status: 'delivered' }))).toBe('same')
    expect(registry.inTransitWith('d-1')).toEqual([])
  })

  it('follows a shipment to its new driver', () => {
    const registry = createShipmentRegistry()
    registry.apply(shipment())
    registry.apply(shipment({ version: 5, driverId: 'd-2' }))
    expect(registry.inTransitWith('d-1')).toEqual([])
    expect(registry.isInTransitWith('s-1', 'd-2')).toBe(true)
  })

  it('drops what a database snapshot no longer has, unless it changed while the snapshot was read', () => {
    const registry = createShipmentRegistry()
    registry.apply(shipment())
    registry.apply(shipment({ id: 's-2' }))
    const since = registry.stamp()
    registry.apply(shipment({ id: 's-3' })) // arrived while the snapshot was read
    registry.reconcile([shipment({ id: 's-2', version: 6 })], since)
    expect(
      registry
        .inTransitWith('d-1')
        .map((s) => s.id)
        .sort(),
    ).toEqual(['s-2', 's-3'])
    // a late copy of the dropped shipment's old state does not bring it back
    expect(registry.apply(shipment())).toBe('stale')
    expect(registry.isInTransitWith('s-1', 'd-1')).toBe(false)
  })

  it('still announces an event whose version a snapshot showed first', () => {
    const registry = createShipmentRegistry()
    registry.reconcile([shipment({ version: 6 })], registry.stamp())
    expect(registry.isInTransitWith('s-1', 'd-1')).toBe(true)
    expect(registry.apply(shipment({ version: 5 }))).toBe('stale')
    expect(registry.apply(shipment({ version: 6 }))).toBe('newer')
    expect(registry.apply(shipment({ version: 6 }))).toBe('same')
  })

  it('announces the event that took a shipment out of a snapshot', () => {
    const registry = createShipmentRegistry()
    registry.apply(shipment())
    registry.reconcile([], registry.stamp())
    expect(registry.apply(shipment({ version: 5, status: 'delivered' }))).toBe('newer')
    expect(registry.isInTransitWith('s-1', 'd-1')).toBe(false)
  })
})
