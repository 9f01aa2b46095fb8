import { currentWork } from '@dropmate/core'
import { pino, type LoggerOptions } from 'pino'
import { serializeError } from './log-error'

/**
 * Fields that hold secrets or personal data, wherever a log call puts them: at the top of
 * the object or one level down (`{ receiver: { email } }`, `{ headers: { authorization } }`).
 * Log calls name what they log; this is the net under them.
 */
const SENSITIVE = [
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'email',
  'phone',
  'receiverName',
  'receiverEmail',
  'receiverPhone',
  'receiverAddress',
]

export const REDACTED = '[redacted]'

/**
 * JSON lines on stdout, the format Knative's log collection and `kubectl logs` expect. Every
 * line written while a request or event delivery is handled carries its request id, trace
 * id and function, so `grep <traceId>` follows one shipment across processes.
 * No transports: they spawn workers that break inside single-file bundles (REFERENCE.md).
 */
export const logger = pino(loggerOptions())

/** The logger's settings, on their own so a test can write with them to a stream of its own. */
export function loggerOptions(): LoggerOptions {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.K_SERVICE ?? 'dropmate' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: SENSITIVE.flatMap((field) => [field, `*.${field}`]),
      censor: REDACTED,
    },
    // Errors carry the data they failed on (a constraint's failing row): see log-error.ts.
    serializers: { err: serializeError },
    mixin() {
      const work = currentWork()
      if (!work) return {}
      return {
        reqId: work.requestId,
        traceId: work.trace.traceId,
        spanId: work.trace.spanId,
        function: work.function,
      }
    },
  }
}
