import type { ApiDeps, DeliveryDirectory, HistoryWriter, LocationStore } from '@dropmate/kit'
import { encodeEvent, type Feed } from '@dropmate/events'
import { driverEvents, type DeliveryEta } from '@dropmate/contracts/driver-events'
import {
  deliveryEtas,
  findArrivals,
  movesForward,
  perDriverInTimeOrder,
  traceExtension,
} from '@dropmate/core'
import type { DeliveryInTransit } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { CloudEvent } from 'cloudevents'
import { announceArrival, INGEST_SOURCE } from './arrivals'
import type { Ping } from './ping'

/**
 * What recording pings touches, each passed in: the latest fixes, the history, what each
 * driver carries, the positions feed every realtime gateway reads, and the database and
 * tracking cache an arrival is recorded in.
 */
export interface PingRecording extends Pick<ApiDeps, 'sql' | 'trackingCache'> {
  store: LocationStore
  history: HistoryWriter
  deliveries: DeliveryDirectory
  positions: Feed
}

/** What a process's API dependencies give recording. */
export function pingRecording(deps: ApiDeps): PingRecording {
  const { locations, positions, sql, trackingCache } = deps
  return { ...locations, positions, sql, trackingCache }
}

export interface RecordedPings {
  /** Pings taken: every one is in the history. */
  accepted: number
  /** Pings that moved their driver forward. */
  latest: number
}

/** Pings not stored, nor in the history: the sender may send them all again. */
export class PingsNotStored extends Error {
  override name = 'PingsNotStored'
  constructor(
    readonly code: 'location_store_unavailable' | 'history_unavailable',
    options: ErrorOptions,
  ) {
    super('Positions cannot be stored right now', options)
  }
}

/**
 * Records checked pings: per driver in the order they were taken, each later one becomes
 * the driver's latest position; the newest goes on the positions feed with an arrival window per
 * parcel the driver carries; a parcel's door within reach is recorded as an arrival; and
 * every ping goes into the history before this resolves, so a kill -9 loses none taken.
 * Rejects with `PingsNotStored` when the location store or the history cannot take them.
 */
export async function recordPings(
  deps: PingRecording,
  pings: readonly Ping[],
): Promise<RecordedPings> {
  const perDriver = perDriverInTimeOrder(pings)
  let latest = 0
  try {
    for (const driverPings of perDriver) {
      latest += await advanceDriver(deps, driverPings)
    }
  } catch (error) {
    logger.warn({ err: error }, 'location store unavailable')
    throw new PingsNotStored('location_store_unavailable', { cause: error })
  }
  try {
    const rows = perDriver.flat().map(({ fix, source, id }) => ({
      ...fix,
      eventSource: source,
      eventId: id,
    }))
    // The write is shared with the requests around it (a group commit).
    await deps.history.write(rows)
  } catch (error) {
    logger.warn({ err: error }, 'ping history unavailable')
    // Still queued, so a resend is stored once: the history keeps a CloudEvent once.
    throw new PingsNotStored('history_unavailable', { cause: error })
  }
  return { accepted: pings.length, latest }
}

/** One driver's pings, in time order: how many of them moved the driver forward. */
async function advanceDriver(deps: PingRecording, pings: Ping[]): Promise<number> {
  const advanced: Ping[] = []
  // A ping taken at the moment of the one before cannot move the driver: no round trip for it.
  const candidates = pings.filter((ping, i) => movesForward(pings[i - 1]?.fix, ping.fix))
  for (const ping of candidates) if (await deps.store.record(ping.fix)) advanced.push(ping)
  const newest = advanced.at(-1)
  if (!newest) return 0
  const carried = await inTransit(deps.deliveries, newest.fix.driverId)
  // Only the newest position matters to anyone watching; older ones are history.
  await deps.positions.append([
    encodeEvent(locationEvent(newest, await etasFrom(deps.store, newest, carried))),
  ])
  await recordArrivals(
    deps,
    advanced.map((ping) => ping.fix),
    carried,
  )
  return advanced.length
}

/**
 * The parcels the driver has in transit; none when the database cannot say, since a
 * position is worth publishing without its arrival estimates.
 */
async function inTransit(deliveries: DeliveryDirectory, driverId: string) {
  try {
    return await deliveries.inTransit(driverId)
  } catch (error) {
    logger.warn({ err: error }, 'deliveries unknown, publishing the position without them')
    return []
  }
}

/** An arrival window per parcel, from the driver's recent speed as the store averaged it. */
async function etasFrom(
  store: LocationStore,
  { fix }: Ping,
  carried: DeliveryInTransit[],
): Promise<DeliveryEta[]> {
  if (carried.length === 0) return []
  const recentSpeedMps = (await store.latest(fix.driverId))?.recentSpeedMps ?? fix.speedMps
  return deliveryEtas({ ...fix, recentSpeedMps }, carried, new Date())
}

/**
 * Records each parcel the driver came within reach of. A database hiccup only delays it:
 * the next ping near the door tries again.
 */
async function recordArrivals(
  deps: PingRecording,
  fixes: Ping['fix'][],
  carried: DeliveryInTransit[],
) {
  for (const arrival of findArrivals(fixes, carried)) {
    try {
      await announceArrival(deps, arrival)
      deps.deliveries.markArrived(arrival.fix.driverId, arrival.delivery.shipmentId)
    } catch (error) {
      logger.warn({ err: error }, 'arrival not recorded, the next ping retries')
    }
  }
}

/** The driver's new position as every realtime gateway reads it from the positions feed. */
function locationEvent({ fix, id }: Ping, deliveries: DeliveryEta[]) {
  const data = { ...fix, recordedAt: fix.recordedAt.toISOString(), deliveries }
  return new CloudEvent({
    ...traceExtension(),
    ...driverEvents.location(INGEST_SOURCE, data),
    // The ping's own id: a retried request publishes a duplicate consumers recognise.
    id,
    time: data.recordedAt,
    datacontenttype: 'application/json',
  })
}
