import { randomInt } from 'node:crypto'

/**
 * A shipment body with contact details unique to this run, so finding one of them in the
 * public view is proof of a leak and not a coincidence with seeded data.
 */
export function newShipment(runId: string) {
  const phone = () => `+351 919 ${randomInt(100, 1000)} ${randomInt(100, 1000)}`
  return {
    reference: `flow-${runId}`,
    sender: {
      name: 'Padaria Estrela',
      phone: phone(),
      email: `sender-${runId}@flow.example`,
      address: 'Rua da Estrela 12, Estrela, Lisboa',
      lat: 38.7135,
      lng: -9.1605,
    },
    receiver: {
      name: 'Flow Test Receiver',
      phone: phone(),
      email: `receiver-${runId}@flow.example`,
      address: 'Rua de São Miguel 21, Alfama, Lisboa',
      lat: 38.7115,
      lng: -9.1297,
    },
    package: { weightKg: 1.5, description: 'test-shipment-flow parcel' },
  }
}
