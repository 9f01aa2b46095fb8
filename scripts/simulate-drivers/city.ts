import type { LatLng } from '@dropmate/core'
import { distance, insidePolygon, localProjection } from './geo'

export interface Box {
  south: number
  west: number
  north: number
  east: number
}

/**
 * Central Lisbon, from Belém to Parque das Nações and from the river up to Alvalade: every
 * place in the demo data (scripts/seed/demo-data.ts) lies inside.
 */
export const CITY_BOX: Box = { south: 38.69, west: -9.215, north: 38.77, east: -9.09 }

/**
 * The land inside the box: its north and west edges, then the Tagus waterfront traced from
 * Parque das Nações down past Santa Apolónia and the Baixa to Belém, within a block or so.
 * Streets exist only here, so nobody drives on the river.
 */
const LAND: LatLng[] = [
  { lat: 38.77, lng: -9.215 },
  { lat: 38.77, lng: -9.0925 },
  { lat: 38.76, lng: -9.093 },
  { lat: 38.75, lng: -9.096 },
  { lat: 38.74, lng: -9.099 },
  { lat: 38.73, lng: -9.103 },
  { lat: 38.722, lng: -9.11 },
  { lat: 38.715, lng: -9.118 },
  { lat: 38.7105, lng: -9.126 },
  { lat: 38.7085, lng: -9.13 },
  { lat: 38.7068, lng: -9.136 },
  { lat: 38.7062, lng: -9.143 },
  { lat: 38.7045, lng: -9.153 },
  { lat: 38.704, lng: -9.16 },
  { lat: 38.7025, lng: -9.17 },
  { lat: 38.701, lng: -9.178 },
  { lat: 38.6985, lng: -9.19 },
  { lat: 38.696, lng: -9.2 },
  { lat: 38.6935, lng: -9.215 },
]

/** The historic centre (Baixa, Chiado, Alfama): narrow, steep, slow for anything with an engine. */
const CENTRE: LatLng = { lat: 38.7115, lng: -9.138 }
const CENTRE_RADIUS_M = 1_300

/** The one flat map every simulated driver shares, centred on the box. */
export const cityMap = localProjection({
  lat: (CITY_BOX.south + CITY_BOX.north) / 2,
  lng: (CITY_BOX.west + CITY_BOX.east) / 2,
})

const land = LAND.map(cityMap.toPoint)
const centre = cityMap.toPoint(CENTRE)

export const inBox = ({ lat, lng }: LatLng, box: Box = CITY_BOX) =>
  lat >= box.south && lat <= box.north && lng >= box.west && lng <= box.east

export const onLand = (place: LatLng) => inBox(place) && insidePolygon(cityMap.toPoint(place), land)

export const inCentre = (place: LatLng) =>
  distance(cityMap.toPoint(place), centre) <= CENTRE_RADIUS_M
