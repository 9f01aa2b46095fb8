import { describe, expect, it } from 'vitest'
import { COLUMNS, type Cells } from './columns'
import { checkRow } from './check-row'

const cells = (values: Partial<Cells>): Cells => ({
  ...(Object.fromEntries(COLUMNS.map(({ name }) => [name, ''])) as Cells),
  reference: 'A-1',
  sender_name: 'Padaria Estrela',
  sender_address: 'Rua da Estrela 12',
  sender_lat: '38.7135',
  sender_lng: '-9.1605',
  receiver_name: 'Rita',
  receiver_address: 'Rua dos Remédios 4',
  receiver_lat: '38,7118',
  receiver_lng: '-9,1306',
  ...values,
})
const rules = { timeZone: 'Europe/Lisbon', geocode: null }

describe('checking one row', () => {
  it('reads decimal commas and the window on the shop’s clock', async () => {
    const checked = await checkRow(
      cells({ window_from: '2026-07-14 14:00', window_to: '2026-07-14 16:00' }),
      rules,
    )
    expect(checked).toMatchObject({
      body: { receiver: { lat: 38.7118, lng: -9.1306 } },
      deliveryWindow: { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T15:00:00.000Z' },
    })
  })

  it('names every problem of a row by its column, at once', async () => {
    const checked = await checkRow(
      cells({
        reference: '',
        receiver_name: ' ',
        receiver_lat: 'north',
        weight_kg: '-1',
        window_from: '2026-07-14 16:00',
        window_to: '2026-07-14 14:00',
      }),
      rules,
    )
    expect('problems' in checked && checked.problems.map((p) => p.column).sort()).toEqual([
      'receiver_lat',
      'receiver_name',
      'reference',
      'weight_kg',
      'window_to',
    ])
  })

  it('says a party has neither coordinates nor a geocoder to find them', async () => {
    const checked = await checkRow(cells({ sender_lat: '', sender_lng: '' }), rules)
    expect(checked).toEqual({
      problems: [
        {
          column: 'sender_address',
          message:
            'has no coordinates, and no geocoder is configured: give sender_lat and sender_lng',
        },
      ],
    })
  })
})
