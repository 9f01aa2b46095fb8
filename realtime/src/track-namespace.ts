import type { ApiDeps } from '@dropmate/kit'
import { normalizeTrackingNumber, type ShipmentStatus } from '@dropmate/core'
import { findTrackedShipment } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import { z } from 'zod'
import { handshakeAddress } from './handshake'
import type { TrackingNamespace, TrackingSocket, TrackingSocketData } from './namespaces'
import type { Reply } from '@dropmate/contracts/sockets'
import { answer, refusal } from './replies'
import { shipmentRoom } from './rooms'

/** A page shows one parcel; a few cover a customer with several orders open in one page. */
export const MAX_TRACKED = 5
/** Lookups one socket may make per minute: plenty for a person, useless for guessing. */
export const LOOKUPS_PER_MINUTE = 10

const TrackRequest = z.object({ trackingNumber: z.string().max(64) })
const INVALID = refusal('invalid_request', 'Send { trackingNumber }.')
const UNKNOWN = refusal('not_found', 'No parcel has this tracking number.')
const RATE_LIMITED = refusal('rate_limited', 'Too many lookups; try again in a minute.')

/**
 * The `/track` namespace, for the public tracking page: no sign-in, so lookups are limited
 * per socket and, with the REST tracking lookup's own budget, per client address, which
 * opening more sockets does not reset. A socket follows at most MAX_TRACKED shipments.
 */
export function serveTrackNamespace(
  tracking: TrackingNamespace,
  deps: Pick<ApiDeps, 'sql' | 'config' | 'trackingLimit'>,
) {
  const track = async (
    socket: TrackingSocket,
    request: unknown,
  ): Promise<Reply<{ status: ShipmentStatus }>> => {
    const parsed = TrackRequest.safeParse(request)
    if (!parsed.success) return INVALID
    if (!takeLookup(socket.data)) return RATE_LIMITED
    try {
      await deps.trackingLimit.consume(handshakeAddress(socket.handshake, deps.config.TRUST_PROXY))
    } catch (error) {
      if (error instanceof ProblemError && error.status === 429) return RATE_LIMITED
      throw error
    }
    const trackingNumber = normalizeTrackingNumber(parsed.data.trackingNumber)
    const shipment = trackingNumber && (await findTrackedShipment(deps.sql, trackingNumber))
    if (!trackingNumber || !shipment) return UNKNOWN
    const { tracked } = socket.data
    if (!(trackingNumber in tracked) && Object.keys(tracked).length >= MAX_TRACKED) {
      return refusal('limit_reached', `A page follows at most ${MAX_TRACKED} shipments.`)
    }
    tracked[trackingNumber] = shipment.id
    await socket.join(shipmentRoom(shipment.id))
    return { ok: true, status: shipment.status }
  }

  const untrack = async (socket: TrackingSocket, request: unknown): Promise<Reply> => {
    const parsed = TrackRequest.safeParse(request)
    if (!parsed.success) return INVALID
    const trackingNumber = normalizeTrackingNumber(parsed.data.trackingNumber) ?? ''
    const shipmentId = socket.data.tracked[trackingNumber]
    if (shipmentId === undefined) return { ok: true }
    delete socket.data.tracked[trackingNumber]
    await socket.leave(shipmentRoom(shipmentId))
    return { ok: true }
  }

  tracking.on('connection', (socket) => {
    // A recovered socket keeps what it tracked and how many lookups it made.
    socket.data.tracked ??= {}
    socket.data.lookups ??= { since: Date.now(), count: 0 }
    socket.on('track', (request, reply) => answer(reply, () => track(socket, request)))
    socket.on('untrack', (request, reply) => answer(reply, () => untrack(socket, request)))
  })
}

/** Counts a lookup in the socket's current minute; false once the minute's budget is spent. */
function takeLookup(data: TrackingSocketData): boolean {
  const now = Date.now()
  if (now - data.lookups.since >= 60_000) data.lookups = { since: now, count: 0 }
  data.lookups.count += 1
  return data.lookups.count <= LOOKUPS_PER_MINUTE
}
