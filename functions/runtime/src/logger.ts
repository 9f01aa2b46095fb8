import { pino } from 'pino'

/**
 * JSON lines on stdout, the format Knative's log collection and `kubectl logs` expect.
 * No transports: they spawn workers that break inside single-file bundles (REFERENCE.md).
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.K_SERVICE ?? 'dropmate' },
  timestamp: pino.stdTimeFunctions.isoTime,
})
