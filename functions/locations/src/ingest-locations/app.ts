import {
  BEARER,
  MAX_PING_BODY_BYTES,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
  type DeliveryDirectory,
  type HistoryWriter,
  type LocationStore,
} from '@dropmate/kit'
import { encodeEvent, eventsFromMessage, readBody } from '@dropmate/events'
import { driverEvents, type DeliveryEta } from '@dropmate/contracts/driver-events'
import { estimateArrival, traceExtension } from '@dropmate/core'
import type { DeliveryInTransit, PingRow } from '@dropmate/db'
import { Counter, createApiApp, logger, metrics, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { CloudEvent } from 'cloudevents'
import { announceArrival, findArrivals } from '../arrivals'
import { readPing, type Ping } from '../ping'
import { pingBody } from './document'

const SOURCE = '/functions/ingest-locations'
// A dead zone of a quarter hour at one ping every 2 s: 450 pings.
const MAX_BATCH = 500

// Its rate is pings per second; a batch after a dead zone counts every ping in it.
const pingsStored = new Counter({
  name: 'dropmate_location_pings_total',
  help: 'Driver pings stored, by the content mode they came in',
  labelNames: ['mode'] as const,
  registers: [metrics],
})

export const route = createRoute({
  method: 'post',
  path: '/api/locations',
  operationId: 'ingestLocations',
  summary: 'A driver reports positions: com.dropmate.driver.location.v1 CloudEvents',
  description:
    'Binary, structured or batch (application/cloudevents-batch+json) mode. `subject` is the ' +
    "driver's id, `time` the device time of the fix, `data` `{ lat, lng, accuracyM?, " +
    'speedMps?, headingDeg? }`. A batch is accepted or refused whole.',
  security: BEARER,
  request: { body: pingBody(MAX_BATCH) },
  responses: {
    202: {
      description: 'Stored',
      content: {
        'application/json': {
          schema: z.object({
            accepted: z.number().int(),
            latest: z
              .number()
              .int()
              .openapi({ description: 'Pings that moved the driver forward' }),
          }),
        },
      },
    },
    ...problems(400, 401, 403, 413, 503),
  },
})

export function ingestLocations(deps: ApiDeps) {
  const { store, history, deliveries } = deps.locations
  const retentionMs = deps.config.LOCATION_RETENTION_DAYS * 86_400_000

  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['driver'])] },
    async (c) => {
      const driverId = c.var.actor.driverId
      if (!driverId) throw new ProblemError('not_a_driver', 'This account has no driver record.')
      const events = eventsFromMessage(c.req.header(), await readBody(c, MAX_PING_BODY_BYTES))
      if (events.length > MAX_BATCH) {
        throw new ProblemError('batch_too_large', `Send at most ${MAX_BATCH} pings at once.`)
      }
      const oldest = new Date(Date.now() - retentionMs)
      // Every ping is checked before any is stored: a batch is taken whole or not at all.
      const pings = events
        .map((event, index) => readPing(event, index, driverId, oldest))
        .sort((a, b) => a.fix.recordedAt.getTime() - b.fix.recordedAt.getTime())

      const advanced: Ping[] = []
      try {
        for (const ping of pings) if (await store.record(ping.fix)) advanced.push(ping)
        const newest = advanced.at(-1)
        if (newest) {
          const carried = await inTransit(deliveries, driverId)
          const etas = await estimateArrivals(store, newest, carried)
          // Only the newest position matters to anyone watching; older ones are history.
          await deps.events.append([encodeEvent(locationEvent(newest, etas))])
          await recordArrivals(
            deps,
            deliveries,
            advanced.map((ping) => ping.fix),
            carried,
          )
        }
      } catch (error) {
        logger.warn({ err: error }, 'location store unavailable')
        throw sendAgainShortly('location_store_unavailable')
      }
      const rows = pings.map(({ fix, source, id }) => ({
        ...fix,
        eventSource: source,
        eventId: id,
      }))
      // The history is a ping's lasting record: the 202 waits for it, so a kill -9 loses no
      // ping acknowledged. The write is shared with the requests around it.
      await writeHistory(history, rows)
      pingsStored.inc({ mode: contentMode(c.req.header('content-type')) }, pings.length)
      return c.json({ accepted: pings.length, latest: advanced.length }, 202)
    },
  )
}

/**
 * Writes the pings before the 202, in a write shared with the requests around it, so a
 * kill -9 loses no ping acknowledged.
 */
async function writeHistory(history: HistoryWriter, rows: PingRow[]) {
  try {
    await history.write(rows)
  } catch (error) {
    logger.warn({ err: error }, 'ping history unavailable')
    // Still queued, so a resend is stored once: the history keeps a CloudEvent once.
    throw sendAgainShortly('history_unavailable')
  }
}

/** A 503 the phone answers by sending the same pings again a second later. */
function sendAgainShortly(code: 'history_unavailable' | 'location_store_unavailable') {
  const detail = 'Positions cannot be stored right now; send them again shortly.'
  return new ProblemError(code, detail, {}, { 'retry-after': '1' })
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
async function estimateArrivals(
  store: LocationStore,
  { fix }: Ping,
  carried: DeliveryInTransit[],
): Promise<DeliveryEta[]> {
  if (carried.length === 0) return []
  const recentSpeedMps = (await store.latest(fix.driverId))?.recentSpeedMps ?? fix.speedMps
  const now = new Date()
  return carried.map((delivery) => ({
    shipmentId: delivery.shipmentId,
    eta: estimateArrival({
      from: fix,
      to: { lat: delivery.receiverLat, lng: delivery.receiverLng },
      recentSpeedMps,
      vehicleType: delivery.vehicleType,
      now,
    }),
  }))
}

/**
 * Records each parcel the driver came within reach of. A database hiccup only delays it:
 * the next ping near the door tries again.
 */
async function recordArrivals(
  deps: ApiDeps,
  deliveries: DeliveryDirectory,
  fixes: Ping['fix'][],
  carried: DeliveryInTransit[],
) {
  for (const arrival of findArrivals(fixes, carried)) {
    try {
      await announceArrival(deps, arrival)
      deliveries.markArrived(arrival.fix.driverId, arrival.delivery.shipmentId)
    } catch (error) {
      logger.warn({ err: error }, 'arrival not recorded, the next ping retries')
    }
  }
}

/** The driver's new position as the broker carries it to the realtime gateway. */
function locationEvent({ fix, id }: Ping, deliveries: DeliveryEta[]) {
  const data = { ...fix, recordedAt: fix.recordedAt.toISOString(), deliveries }
  return new CloudEvent({
    ...traceExtension(),
    ...driverEvents.location(SOURCE, data),
    // The ping's own id: a retried request publishes a duplicate consumers recognise.
    id,
    time: data.recordedAt,
    datacontenttype: 'application/json',
  })
}

/** The CloudEvents HTTP content mode, from the request's Content-Type. */
function contentMode(contentType: string | undefined): 'binary' | 'structured' | 'batch' {
  if (contentType?.startsWith('application/cloudevents-batch')) return 'batch'
  if (contentType?.startsWith('application/cloudevents')) return 'structured'
  return 'binary'
}
