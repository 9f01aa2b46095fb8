import { describe, expect, it } from 'vitest'
import { placesIn } from './answers'

describe('placesIn', () => {
  it("reads Nominatim's jsonv2 search list and reverse object, coordinates from strings", () => {
    const place = { lat: '38.7101239', lon: '-9.1373527', display_name: 'Rua Augusta, Lisboa' }
    const read = { label: 'Rua Augusta, Lisboa', lat: 38.7101239, lng: -9.1373527 }
    expect(placesIn([place, place])).toEqual([read, read])
    expect(placesIn(place)).toEqual([read])
    expect(placesIn({ error: 'Unable to geocode' })).toEqual([])
  })

  it("writes Photon's address parts as one label, its point as [lng, lat]", () => {
    const photon = {
      type: 'FeatureCollection',
      features: [
        {
          geometry: { coordinates: [-9.1605, 38.7135] },
          properties: {
            name: 'Padaria',
            street: 'Rua da Estrela',
            housenumber: '12',
            city: 'Lisboa',
          },
        },
        {
          geometry: { coordinates: [-9.14, 38.71] },
          properties: { name: 'Lisboa', city: 'Lisboa' },
        },
      ],
    }
    expect(placesIn(photon)).toEqual([
      { label: 'Padaria, Rua da Estrela 12, Lisboa', lat: 38.7135, lng: -9.1605 },
      { label: 'Lisboa', lat: 38.71, lng: -9.14 },
    ])
  })

  it('leaves out places no shipment can take, and says so of an answer of neither shape', () => {
    const at = (lat: string, name = 'Somewhere') => ({ lat, lon: '0', display_name: name })
    expect(placesIn([at('89.9'), at('NaN'), at('10', ' '), at('10')])).toEqual([
      { label: 'Somewhere', lat: 10, lng: 0 },
    ])
    expect(placesIn('<html>Too many requests</html>')).toBeUndefined()
    expect(placesIn({ features: 'none' })).toBeUndefined()
  })
})
