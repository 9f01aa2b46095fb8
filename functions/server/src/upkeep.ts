import type { Config } from '@dropmate/core'
import { maintainLocationPartitions, type Sql } from '@dropmate/db'
import type { ObjectStore } from '@dropmate/kit'
import { logger } from '@dropmate/runtime'
import { sweepAbandonedUploads, sweepExpiredProofs } from '@dropmate/shipments'

const EVERY_MS = 6 * 60 * 60 * 1000
// pg_try_advisory_xact_lock's key for the upkeep: any number no other lock of ours uses.
export const UPKEEP_LOCK = 0x6d61696e74

interface UpkeepDeps {
  sql: Sql
  objects: ObjectStore
  config: Config
}

/**
 * What a long-lived process keeps up, now and every six hours: ping-history partitions ahead
 * of time and past their retention, proofs of delivery past theirs (files, then rows), and
 * proof files uploaded but never attached.
 * With `oneReplicaAtATime` (the dispatcher, which runs as several replicas) a transaction
 * lock lets one replica do it while the others skip that round; a transaction lock, because a
 * transaction-mode pool (DigitalOcean's) keeps no session lock. Answers its first round, to
 * wait for or not, and its stop.
 */
export function startUpkeep(deps: UpkeepDeps, { oneReplicaAtATime = false } = {}) {
  const upkeep = () =>
    Promise.all([
      maintainLocationPartitions(deps.sql, deps.config.LOCATION_RETENTION_DAYS).then(
        (result) => logger.info(result, 'location partitions maintained'),
        (error: unknown) => logger.error({ err: error }, 'location partition maintenance failed'),
      ),
      sweepExpiredProofs(deps).then(
        (swept) => logger.info({ swept }, 'expired proofs of delivery swept'),
        (error: unknown) => logger.error({ err: error }, 'proof of delivery sweep failed'),
      ),
      sweepAbandonedUploads(deps).then(
        (swept) => logger.info({ swept }, 'abandoned proof uploads swept'),
        (error: unknown) => logger.error({ err: error }, 'abandoned proof upload sweep failed'),
      ),
    ])
  const round = oneReplicaAtATime
    ? () =>
        deps.sql
          .begin(async (tx) => {
            const [row] = await tx`select pg_try_advisory_xact_lock(${UPKEEP_LOCK}) as mine`
            if (row?.mine) await upkeep()
          })
          // The database away at that moment: the next round comes in six hours.
          .catch((error: unknown) => logger.warn({ err: error }, 'upkeep round not run'))
    : upkeep
  const firstRound = round().then(() => {})
  const timer = setInterval(round, EVERY_MS)
  return { firstRound, stop: () => clearInterval(timer) }
}
