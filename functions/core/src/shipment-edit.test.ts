import { describe, expect, it } from 'vitest'
import { editedColumns, isEditable, type EditableFields } from './shipment-edit'

const shipment: EditableFields = {
  receiverName: 'Rita Sousa',
  receiverPhone: null,
  receiverEmail: 'rita@example.com',
  receiverAddress: 'Rua dos Remédios 4',
  receiverLat: 38.7118,
  receiverLng: -9.1306,
  notes: null,
  deliveryWindowFrom: new Date('2026-07-14T14:00:00Z'),
  deliveryWindowTo: new Date('2026-07-14T16:00:00Z'),
}

describe('an edit', () => {
  it('may be made before pickup only', () => {
    expect(['pending', 'assigned'].every((s) => isEditable(s as never))).toBe(true)
    for (const status of ['picked_up', 'in_transit', 'delivered', 'failed', 'cancelled']) {
      expect(isEditable(status as never)).toBe(false)
    }
  })

  it('changes only what differs, naming the fields as the API does', () => {
    const { columns, changed } = editedColumns(
      {
        receiver: { name: 'Rita Sousa', address: 'Rua da Regueira 9', lat: 38.712, lng: -9.1306 },
        notes: 'Ring twice',
      },
      shipment,
    )
    expect(columns).toEqual({
      receiverAddress: 'Rua da Regueira 9',
      receiverLat: 38.712,
      notes: 'Ring twice',
    })
    expect(changed).toEqual(['receiver.address', 'receiver.lat', 'notes'])
  })

  it('sees the same slot written with another offset as no change, and a cleared one as one', () => {
    const same = { from: '2026-07-14T15:00:00+01:00', to: '2026-07-14T17:00:00+01:00' }
    expect(editedColumns({ deliveryWindow: same }, shipment).changed).toEqual([])
    expect(editedColumns({ deliveryWindow: null }, shipment)).toEqual({
      columns: { deliveryWindow: null },
      changed: ['deliveryWindow'],
    })
  })
})
