import { describe, expect, it, vi } from 'vitest'
import type { Driver } from '@dropmate/contracts/rest'

// The model signs its requests with the page's session, which listens to the browser's storage.
vi.stubGlobal('addEventListener', () => {})
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {}, removeItem: () => {} })
const { createFleet } = await import('./fleet')

const driver = (overrides: Partial<Driver>): Driver => ({
  id: 'd1',
  userId: 'u1',
  name: 'João Silva',
  email: 'joao@estrela.example',
  phone: null,
  vehicleType: 'bicycle',
  vehiclePlate: null,
  dutyStatus: 'available',
  dutyChangedAt: '2026-11-26T10:00:00.000Z',
  activeShipments: 0,
  ...overrides,
})

describe('a duty change arriving on the socket', () => {
  it('updates the driver, and takes one going off duty off the map', () => {
    const fleet = createFleet()
    fleet.drivers.value = [driver({}), driver({ id: 'd2', name: 'Ana Rodrigues' })]
    fleet.positions.value = new Map([
      ['d1', { lat: 38.71, lng: -9.14, recordedAt: '2026-11-26T10:01:00.000Z' }],
    ])

    fleet.applyDutyChange({
      driverId: 'd1',
      from: 'available',
      to: 'offline',
      changedAt: '2026-11-26T10:02:00.000Z',
    })

    expect(fleet.byId.value.get('d1')).toMatchObject({
      dutyStatus: 'offline',
      dutyChangedAt: '2026-11-26T10:02:00.000Z',
    })
    expect(fleet.byId.value.get('d2')?.dutyStatus).toBe('available')
    expect(fleet.positions.value.has('d1')).toBe(false)
    fleet.dispose()
  })

  it('does not undo a newer status with an older change delivered late', () => {
    const fleet = createFleet()
    fleet.drivers.value = [
      driver({ dutyStatus: 'busy', dutyChangedAt: '2026-11-26T10:05:00.000Z' }),
    ]

    fleet.applyDutyChange({
      driverId: 'd1',
      from: 'offline',
      to: 'available',
      changedAt: '2026-11-26T10:02:00.000Z',
    })

    expect(fleet.byId.value.get('d1')?.dutyStatus).toBe('busy')
    fleet.dispose()
  })
})

describe('a fleet frame arriving on the socket', () => {
  const at = (lat: number, recordedAt: string, driverId = 'd1') => ({
    driverId,
    lat,
    lng: -9.14,
    accuracyM: 5,
    speedMps: 4,
    headingDeg: null,
    recordedAt,
    deliveries: [],
  })

  it('moves every driver of the frame, in one update, and none back in time', () => {
    const fleet = createFleet()
    fleet.drivers.value = [driver({}), driver({ id: 'd2', name: 'Ana Rodrigues' })]
    fleet.positions.value = new Map([
      ['d1', { lat: 38.7, lng: -9.14, recordedAt: '2026-11-26T10:05:00.000Z' }],
    ])
    const updates: unknown[] = []
    const stop = fleet.positions.subscribe((value) => updates.push(value))

    fleet.applyPositions([
      at(38.6, '2026-11-26T10:04:00.000Z'),
      at(38.8, '2026-11-26T10:06:00.000Z', 'd2'),
    ])

    expect(fleet.positions.value.get('d1')?.lat).toBe(38.7)
    expect(fleet.positions.value.get('d2')?.lat).toBe(38.8)
    // The subscription's first call is the value it started from.
    expect(updates).toHaveLength(2)
    stop()
    fleet.dispose()
  })
})
