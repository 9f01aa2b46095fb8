import { createSql, openDatabase } from '@dropmate/db'
import { judge, type Observation, type Verdict } from './checks'
import type { Deployment } from './deployments'
import { readStored, type Stored } from './observe'
import { timeUntil } from './recovery'

// Past an outage's end the broker's next retry comes within about 3 s (0.2 s × 2^n).
const SETTLE_LIMIT_MS = 10_000
const QUIET_MS = 3_000
// The embedded database cannot be read while the server holds it: wait this long for the
// broker's retries and the history writer, then stop the server and read.
const EMBEDDED_QUIET_MS = 4_000

/**
 * The scenario's verdict once what is late had its chance to arrive. On PostgreSQL the
 * database is read until nothing is missing or nothing changed for a while; embedded, once
 * the screens caught up and a quiet spell passed, the server is stopped and its data read.
 */
export async function settledVerdict(options: {
  deployment: Deployment
  runId: string
  observe: (stored: Stored) => Promise<Observation>
  caughtUp: () => Promise<boolean>
  closeScreens: () => void
}): Promise<Verdict> {
  const { deployment, runId, observe } = options
  if (deployment.databaseUrl) {
    const sql = createSql({ url: deployment.databaseUrl, poolMax: 1, prepare: false })
    try {
      const now = async () => judge(await observe(await readStored(sql, runId)))
      const settled = settling()
      await timeUntil(async () => settled(await now().catch(() => undefined)), SETTLE_LIMIT_MS)
      return await now()
    } finally {
      await sql.end({ timeout: 1 })
    }
  }
  await timeUntil(options.caughtUp, SETTLE_LIMIT_MS)
  await new Promise((resolve) => setTimeout(resolve, EMBEDDED_QUIET_MS))
  const observed = await observe({ shipments: [], timeline: [], outbox: [], history: [] })
  options.closeScreens()
  await deployment.stack.stop()
  const db = await openDatabase({ dataDir: deployment.dataDir, poolMax: 1, prepare: false })
  try {
    return judge({ ...observed, stored: await readStored(db.sql, runId) })
  } finally {
    await db.close()
  }
}

/**
 * Whether a scenario has settled: nothing lost any more and every screen caught up, or no
 * change in what is missing for QUIET_MS (duplicates cannot be undone, so they do not count).
 */
function settling() {
  let missing = ''
  let since = Date.now()
  return (verdict: Verdict | undefined): boolean => {
    if (!verdict) return false
    const now = JSON.stringify([verdict.lost, verdict.screensBehind])
    if (now !== missing) [missing, since] = [now, Date.now()]
    const complete = Object.values(verdict.lost).every((n) => n === 0) && !verdict.screensBehind
    return complete || Date.now() - since >= QUIET_MS
  }
}
