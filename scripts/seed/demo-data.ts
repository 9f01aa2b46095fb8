import type { DutyStatus, VehicleType } from '@dropmate/core'
import type { Party } from '@dropmate/db'

/** Everything made up in the demo shop: real Lisbon streets, fictional people. */

export const STAFF_DOMAIN = 'estrela.example'
export const CUSTOMER_DOMAIN = 'example.com'

/** +351 91x numbers are real Portuguese mobiles; this run of zeros is obviously not one. */
export const fakePhone = (n: number) => `+351 910 000 ${String(n).padStart(3, '0')}`

/** `João Gonçalves` → `joao.goncalves@domain`: plain ASCII, as people really sign up. */
export function emailOf(name: string, domain: string): string {
  const local = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, '.')
  return `${local}@${domain}`
}

export const SHOP: Party = {
  name: 'Padaria Estrela',
  phone: fakePhone(0),
  email: `encomendas@${STAFF_DOMAIN}`,
  address: 'Rua da Estrela 12, Estrela, Lisboa',
  lat: 38.7135,
  lng: -9.1605,
}

export const ADMIN = { name: 'Helena Marques', phone: fakePhone(1) }
export const DISPATCHERS = [
  { name: 'Rui Carvalho', phone: fakePhone(2) },
  { name: 'Inês Ferreira', phone: fakePhone(3) },
]

export interface DemoDriver {
  name: string
  phone: string
  vehicleType: VehicleType
  vehiclePlate: string | null
  dutyStatus: DutyStatus
}

const DRIVER_ROWS: [string, VehicleType, string | null, DutyStatus][] = [
  ['João Silva', 'bicycle', null, 'available'],
  ['Ana Rodrigues', 'cargo_bike', null, 'busy'],
  ['Pedro Santos', 'scooter', 'AT-42-RX', 'busy'],
  ['Mariana Costa', 'car', 'BF-07-LM', 'available'],
  ['Tiago Pereira', 'motorcycle', '52-QK-18', 'busy'],
  ['Beatriz Oliveira', 'bicycle', null, 'offline'],
  ['Diogo Martins', 'van', '87-TD-64', 'available'],
  ['Sofia Gonçalves', 'cargo_bike', null, 'available'],
  ['Miguel Sousa', 'scooter', 'AR-19-ZC', 'offline'],
  ['Carolina Fernandes', 'car', '23-58-VN', 'offline'],
]

export const DRIVERS: DemoDriver[] = DRIVER_ROWS.map(
  ([name, vehicleType, vehiclePlate, dutyStatus], i) => ({
    name,
    phone: fakePhone(10 + i),
    vehicleType,
    vehiclePlate,
    dutyStatus,
  }),
)

type PlaceRow = [name: string, address: string, lat: number, lng: number]

const CUSTOMER_ROWS: PlaceRow[] = [
  ['Maria Almeida', 'Rua de São Miguel 21, Alfama', 38.7115, -9.1297],
  ['José Ribeiro', 'Largo do Chafariz de Dentro 8, Alfama', 38.7112, -9.1276],
  ['Francisca Lopes', 'Rua Augusta 150, Baixa', 38.71, -9.1375],
  ['António Pinto', 'Rua dos Correeiros 92, Baixa', 38.7105, -9.1369],
  ['Catarina Mendes', 'Rua Garrett 19, Chiado', 38.7109, -9.142],
  ['Manuel Correia', 'Rua da Rosa 105, Bairro Alto', 38.713, -9.1455],
  ['Leonor Vieira', 'Rua da Graça 66, Graça', 38.7178, -9.1305],
  ['Francisco Cardoso', 'Rua Ferreira Borges 88, Campo de Ourique', 38.718, -9.166],
  ['Rita Teixeira', 'Rua Saraiva de Carvalho 140, Campo de Ourique', 38.716, -9.1625],
  ['Luís Moreira', 'Rua de Cascais 47, Alcântara', 38.7048, -9.176],
  ['Joana Nunes', 'Rua de Belém 60, Belém', 38.6976, -9.202],
  ['Rafael Soares', 'Rua dos Jerónimos 10, Belém', 38.6985, -9.2055],
  ['Marta Rocha', 'Avenida da República 45, Avenidas Novas', 38.739, -9.1457],
  ['Gonçalo Dias', 'Avenida de Berna 30, Avenidas Novas', 38.7406, -9.149],
  ['Matilde Araújo', 'Rua Morais Soares 50, Arroios', 38.73, -9.134],
  ['Duarte Machado', 'Rua de Arroios 120, Arroios', 38.729, -9.1372],
  ['Carla Cunha', 'Rua da Escola Politécnica 56, Príncipe Real', 38.7165, -9.149],
  ['Nuno Barbosa', 'Rua de Santos-o-Velho 24, Santos', 38.7062, -9.1585],
  ['Filipa Antunes', 'Rua do Prior 20, Lapa', 38.709, -9.162],
  ['Vasco Pires', 'Avenida da Igreja 28, Alvalade', 38.7535, -9.1425],
]

/** Receivers without an account: a gift sent across town, an order phoned in. */
const WALK_IN_ROWS: PlaceRow[] = [
  ['Rosa Tavares', 'Rua do Benformoso 100, Mouraria', 38.717, -9.135],
  ['Jorge Neves', 'Rua Dona Estefânia 150, Arroios', 38.732, -9.143],
  ['Isabel Monteiro', 'Rua dos Anjos 60, Anjos', 38.724, -9.1355],
  ['Paulo Baptista', 'Rua de Campolide 200, Campolide', 38.731, -9.164],
  ['Sara Matos', 'Estrada de Benfica 500, Benfica', 38.751, -9.195],
  ['Hugo Freitas', 'Alameda dos Oceanos 41, Parque das Nações', 38.766, -9.0985],
]

const toParty = ([name, street, lat, lng]: PlaceRow, phone: string, email: string | null) => ({
  name,
  phone,
  email,
  address: `${street}, Lisboa`,
  lat,
  lng,
})

export const CUSTOMERS: Party[] = CUSTOMER_ROWS.map((row, i) =>
  toParty(row, fakePhone(20 + i), emailOf(row[0], CUSTOMER_DOMAIN)),
)
export const WALK_INS: Party[] = WALK_IN_ROWS.map((row, i) => toParty(row, fakePhone(40 + i), null))

/** What a Lisbon bakery sends out, with a believable weight range in kg. */
export const ITEMS: [description: string, minKg: number, maxKg: number][] = [
  ['Bread box: broa de milho and a pão alentejano', 1.4, 2.4],
  ['Pastéis de nata, a dozen', 0.6, 0.9],
  ['Birthday cake, chocolate, serves 12', 1.8, 2.6],
  ['Coffee beans, 1 kg', 1, 1.1],
  ['Coffee beans, 250 g', 0.25, 0.3],
  ['Sourdough loaves, three', 2.2, 2.8],
  ['Office breakfast: croissants and queijadas for 20', 3, 5],
  ['Pão de Deus, six', 0.5, 0.7],
  ['Party order: four trays of salgados', 5, 8],
  ['Travesseiros de Sintra, box of eight', 0.6, 0.9],
  ['Bolo-rei for a family lunch', 1, 1.4],
  ['Weekly bread subscription', 2, 3.5],
  ['Queijadas, box of ten', 0.4, 0.6],
  ['Croissant, a single one (and a note)', 0.2, 0.25],
]

export const FAILURE_REASONS = [
  'Nobody home, left a note',
  'Building door locked and the receiver is not answering the phone',
  'No such door number on the street; receiver unreachable',
  'Receiver asked us to come back after 18:00',
]

export const RETRY_NOTE = 'Receiver called back; second attempt'

export const STAFF_CANCEL_REASONS = [
  'Customer will collect it at the shop instead',
  'Duplicate order',
  'Address outside our delivery area',
  'Cake not ready in time; customer refunded',
]

export const CUSTOMER_CANCEL_REASONS = [
  'Ordered by mistake',
  "Won't be home today",
  'Plans changed, will order again tomorrow',
]
