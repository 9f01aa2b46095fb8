import type { Queryable } from '../client'

export interface PartitionMaintenance {
  created: number
  dropped: number
}

/**
 * Creates tomorrow's (and the next week's) ping partitions and drops those past retention,
 * through the SQL functions of migration 0003. Safe to run any time, from any process.
 */
export async function maintainLocationPartitions(
  sql: Queryable,
  retentionDays: number,
): Promise<PartitionMaintenance> {
  const [result] = await sql<PartitionMaintenance[]>`
    select
      driver_locations_ensure_partitions(7) as created,
      driver_locations_drop_older_than(make_interval(days => ${retentionDays})) as dropped
  `
  return result!
}
