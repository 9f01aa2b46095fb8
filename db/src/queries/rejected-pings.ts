import type { Queryable } from '../client'
import type { DataRefusal } from '../data-refusal'
import type { PingRow } from './driver-locations'

/**
 * Keeps a ping the history refused, with PostgreSQL's reason, for an operator to look at.
 * JSON.stringify writes a NUL byte as the escape `\u0000`, which text accepts.
 */
export async function setPingAside(
  sql: Queryable,
  ping: PingRow,
  refusal: DataRefusal,
): Promise<void> {
  await sql`
    insert into rejected_pings ${sql({
      ping: JSON.stringify(ping),
      sqlstate: refusal.sqlstate,
      reason: refusal.reason.slice(0, 1000),
    })}
  `
}
