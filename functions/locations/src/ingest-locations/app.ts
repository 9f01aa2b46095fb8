import {
  BEARER,
  MAX_PING_BODY_BYTES,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { eventsIn } from '@dropmate/events'
import { Counter, createApiApp, metrics, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { readPing } from '../ping'
import { pingRecording, PingsNotStored, recordPings } from '../record-pings'
import { pingBody } from './document'

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
  const recording = pingRecording(deps)
  const retentionMs = deps.config.LOCATION_RETENTION_DAYS * 86_400_000

  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['driver'])] },
    async (c) => {
      const driverId = c.var.actor.driverId
      if (!driverId) throw new ProblemError('not_a_driver', 'This account has no driver record.')
      const events = await eventsIn(c, MAX_PING_BODY_BYTES)
      if (events.length > MAX_BATCH) {
        throw new ProblemError('batch_too_large', `Send at most ${MAX_BATCH} pings at once.`)
      }
      const oldest = new Date(Date.now() - retentionMs)
      // Every ping is checked before any is stored: a batch is taken whole or not at all.
      const pings = events.map((event, index) => readPing(event, index, driverId, oldest))
      const recorded = await recordPings(recording, pings).catch(sendAgainShortly)
      pingsStored.inc({ mode: contentMode(c.req.header('content-type')) }, recorded.accepted)
      return c.json(recorded, 202)
    },
  )
}

/** A 503 the phone answers by sending the same pings again a second later. */
function sendAgainShortly(error: unknown): never {
  if (!(error instanceof PingsNotStored)) throw error
  const detail = 'Positions cannot be stored right now; send them again shortly.'
  throw new ProblemError(error.code, detail, {}, { 'retry-after': '1' })
}

/** The CloudEvents HTTP content mode, from the request's Content-Type. */
function contentMode(contentType: string | undefined): 'binary' | 'structured' | 'batch' {
  if (contentType?.startsWith('application/cloudevents-batch')) return 'batch'
  if (contentType?.startsWith('application/cloudevents')) return 'structured'
  return 'binary'
}
