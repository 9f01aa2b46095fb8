import type { DriverFix } from '@dropmate/kit'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { PingData } from '@dropmate/contracts/ping'
import type { ProblemCode } from '@dropmate/contracts/problems'
import { eventDataIssue, ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'

/** A phone's clock may run a little fast; more than this ahead is a broken or lying one. */
export const FUTURE_SKEW_MS = 30_000

export interface Ping {
  fix: DriverFix
  source: string
  id: string
}

/**
 * Checks one ping CloudEvent from `driverId`: its type, that it is about that driver (the
 * `subject`), its device time (`time`: not in the future beyond a small skew, not older
 * than history keeps) and its position. Throws a problem naming the event and the field.
 */
export function readPing(
  event: CloudEvent<unknown>,
  index: number,
  driverId: string,
  oldest: Date,
): Ping {
  const at = index === 0 ? '' : `events[${index}].`
  if (event.type !== EVENT_TYPES.driverLocation) {
    refuse(at, 'wrong_event_type', `type must be ${EVENT_TYPES.driverLocation}`)
  }
  if (event.subject !== driverId) refuse(at, 'not_your_location', 'subject must be your driver id')
  const recordedAt = new Date(event.time ?? NaN)
  if (Number.isNaN(recordedAt.getTime())) refuse(at, 'invalid_ping', 'time is required')
  if (recordedAt.getTime() > Date.now() + FUTURE_SKEW_MS)
    refuse(at, 'ping_from_the_future', 'time is in the future')
  if (recordedAt < oldest) refuse(at, 'ping_too_old', 'time is older than history is kept')
  const data = PingData.safeParse(event.data)
  if (!data.success) refuse(at, 'invalid_ping', eventDataIssue(data.error.issues, event.data))
  const { lat, lng, accuracyM, speedMps, headingDeg } = data.data
  return {
    fix: {
      driverId,
      lat,
      lng,
      accuracyM: accuracyM ?? null,
      speedMps: speedMps ?? null,
      headingDeg: headingDeg ?? null,
      recordedAt,
    },
    source: event.source,
    id: event.id,
  }
}

/** The problem of the event `at` points to (a batch's `events[3].`), naming the field. */
function refuse(at: string, code: ProblemCode, detail: string): never {
  throw new ProblemError(code, `${at}${detail}`)
}
