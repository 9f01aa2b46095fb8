import type {
  ApiDeps,
  DeliveryDirectory,
  DriverFix,
  HistoryWriter,
  LocationStore,
} from '@dropmate/kit'
import { encodeBuilt, type EncodedEvent } from '@dropmate/events'
import { driverEvents, type DeliveryEta } from '@dropmate/contracts/driver-events'
import {
  BoundedMap,
  deliveryEtas,
  findArrivals,
  movesForward,
  perDriverInTimeOrder,
  smoothSpeed,
  traceExtension,
} from '@dropmate/core'
import type { DeliveryInTransit } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { announceArrival, INGEST_SOURCE } from './arrivals'
import { flagParcelsAtRisk } from './at-risk'
import type { Ping } from './ping'

/**
 * What recording pings touches, each passed in: the latest fixes (whose store announces new
 * ones to the realtime gateways), the history, what each driver carries, and the database
 * and tracking cache an arrival is recorded in.
 */
export interface PingRecording extends Pick<ApiDeps, 'sql' | 'trackingCache'> {
  store: LocationStore
  history: HistoryWriter
  deliveries: DeliveryDirectory
  /** Per driver, the recent speed the store kept after this process's last ping of theirs. */
  recentSpeeds: Map<string, number | null>
}

// Far more drivers than one ingest replica hears from; the oldest are forgotten past it.
const SPEEDS_KEPT = 50_000

/** What a process's API dependencies give recording. */
export function pingRecording(deps: ApiDeps): PingRecording {
  const { locations, sql, trackingCache } = deps
  const recentSpeeds = new BoundedMap<string, number | null>(SPEEDS_KEPT)
  return { ...locations, sql, trackingCache, recentSpeeds }
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
 * the driver's latest position; the newest goes on the positions feed with an arrival
 * window per parcel the driver carries; a parcel's door within reach is recorded as an arrival; and
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

/**
 * One driver's pings, in time order: how many of them moved the driver forward. The newest
 * is announced with an arrival window per parcel on board, in the round trip that stores it;
 * a window that runs past its parcel's slot marks the parcel at risk.
 */
async function advanceDriver(deps: PingRecording, pings: Ping[]): Promise<number> {
  // A ping taken at the moment of the one before cannot move the driver.
  const candidates = pings.filter((ping, i) => movesForward(pings[i - 1]?.fix, ping.fix))
  const newest = candidates.at(-1)
  if (!newest) return 0
  const { driverId } = newest.fix
  const fixes = candidates.map((ping) => ping.fix)
  const carried = await inTransit(deps.deliveries, driverId)
  const etas = carried.length
    ? deliveryEtas(
        { ...newest.fix, recentSpeedMps: estimateSpeed(deps, fixes) },
        carried,
        new Date(),
      )
    : []
  const { advanced, recentSpeedMps } = await deps.store.advance(fixes, locationEvent(newest, etas))
  deps.recentSpeeds.set(driverId, recentSpeedMps)
  if (advanced > 0) {
    await recordArrivals(deps, fixes.slice(-advanced), carried)
    await flagParcelsAtRisk(deps, driverId, carried, etas)
  }
  return advanced
}

/**
 * The recent speed the store will fold these fixes into, from what it said after this
 * process's last ping of the driver: the arrival windows go out with the fix that moves
 * them, without a round trip to read the average first. A driver whose last ping another
 * replica took starts from the fixes' own speeds.
 */
function estimateSpeed(deps: PingRecording, fixes: DriverFix[]): number | null {
  let recent = deps.recentSpeeds.get(fixes[0]!.driverId) ?? null
  for (const fix of fixes) recent = smoothSpeed(recent, fix.speedMps)
  return recent
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

/** The driver's new position as the realtime gateways read it from the positions feed. */
function locationEvent({ fix, id }: Ping, deliveries: DeliveryEta[]): EncodedEvent {
  const recordedAt = fix.recordedAt.toISOString()
  const data = { ...fix, recordedAt, deliveries }
  // The ping's own id: a retried request publishes a duplicate consumers recognise.
  return encodeBuilt(driverEvents.location(INGEST_SOURCE, data), {
    id,
    time: recordedAt,
    ...traceExtension(),
  })
}
