import { distanceMeters, type LatLng } from '@dropmate/core'
import { ApiError, type Reply } from '../lib/api-client'
import type { Session } from './session'

/** The statuses of shipments a driver still has work on; failed ones wait for staff. */
export const ACTIVE = ['assigned', 'picked_up', 'in_transit'] as const

export interface Job {
  id: string
  trackingNumber: string
  status: (typeof ACTIVE)[number]
  pickup: LatLng
  dropoff: LatLng
}

/** Where to go next and what to do there: pick up, or drop off, one or more shipments. */
export interface Stop {
  kind: 'pickup' | 'dropoff'
  place: LatLng
  jobs: Job[]
}

/** Doors this close count as one stop: the same shop, the same building. */
const SAME_STOP_M = 100

/**
 * The nearest thing to do from `here`: collect an assigned shipment from its sender, or
 * bring one in hand to its receiver; every other job at that same spot comes along.
 *
 * @example
 * nextStop(SHOP, jobs) // { kind: 'pickup', place: SHOP, jobs: [the three waiting there] }
 */
export function nextStop(here: LatLng, jobs: readonly Job[]): Stop | null {
  const stops = jobs.map((job) =>
    job.status === 'assigned'
      ? { kind: 'pickup' as const, place: job.pickup }
      : { kind: 'dropoff' as const, place: job.dropoff },
  )
  const away = stops.map((stop) => distanceMeters(here, stop.place))
  const chosen = stops[away.indexOf(Math.min(...away))]
  if (!chosen) return null
  const together = jobs.filter(
    (_, i) =>
      stops[i]!.kind === chosen.kind &&
      distanceMeters(stops[i]!.place, chosen.place) <= SAME_STOP_M,
  )
  return { ...chosen, jobs: together }
}

interface ShipmentPage {
  items: Array<{
    id: string
    trackingNumber: string
    status: string
    sender: LatLng
    receiver: LatLng
  }>
}

/** The shipments in this driver's hands that still need them, as the API lists them. */
export async function fetchJobs(session: Session): Promise<Job[]> {
  const call = {
    method: 'GET',
    path: `/api/shipments?status=${ACTIVE.join(',')}&limit=100`,
  } as const
  const reply = await session.call(call)
  if (reply.status !== 200) throw new ApiError(`${call.method} /api/shipments`, reply)
  return (reply.body as ShipmentPage).items.map(
    ({ id, trackingNumber, status, sender, receiver }) => ({
      id,
      trackingNumber,
      status: status as Job['status'],
      pickup: { lat: sender.lat, lng: sender.lng },
      dropoff: { lat: receiver.lat, lng: receiver.lng },
    }),
  )
}

export type Move =
  { status: 'picked_up' | 'in_transit' | 'delivered' } | { status: 'failed'; reason: string }

/** Moves a shipment along as its driver, saying where they were; the reply as it came. */
export function moveShipment(session: Session, job: Job, move: Move, at: LatLng): Promise<Reply> {
  return session.call({
    method: 'PATCH',
    path: `/api/shipments/${job.id}/status`,
    json: { ...move, position: { lat: at.lat, lng: at.lng } },
  })
}
