import postgres from 'postgres'

export interface DataRefusal {
  sqlstate: string
  reason: string
}

/**
 * Why PostgreSQL refused a statement for the data in it, if that is why it failed: SQLSTATE
 * class 22 (data exception: a NUL byte, a malformed uuid, a time out of range) or 23 (a
 * constraint). Sending the same rows again fails again. Anything else (a dropped connection,
 * a server shutting down, a full disk) may pass on a later try.
 */
export function dataRefusal(error: unknown): DataRefusal | undefined {
  if (!(error instanceof postgres.PostgresError)) return undefined
  if (!/^2[23]/.test(error.code)) return undefined
  return { sqlstate: error.code, reason: error.message }
}
