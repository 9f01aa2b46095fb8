import { SHIPMENT_STATUSES, type ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'
import type { Shipment } from '../types'

/** Which shipments a caller may list at all; filters narrow it further. */
export type ListingScope =
  | { kind: 'everything' }
  | { kind: 'driver'; driverId: string }
  | { kind: 'customer'; customerId: string }

export interface ListingFilters {
  statuses?: ShipmentStatus[]
  driverId?: string
  customerId?: string
  /** A fragment of a tracking number or a receiver's name. */
  search?: string
  /** Continue after the shipment with this id (the last one of the previous page). */
  afterId?: string
  limit: number
}

/**
 * One page of shipments, newest first, in a stable (created_at, id) order that cursor
 * pagination can resume exactly, whatever is inserted meanwhile.
 */
export async function listShipments(
  sql: Queryable,
  scope: ListingScope,
  filters: ListingFilters,
): Promise<Shipment[]> {
  const conditions = [
    scopeCondition(sql, scope),
    filters.statuses?.length ? sql`status in ${sql(filters.statuses)}` : null,
    filters.driverId ? sql`driver_id = ${filters.driverId}` : null,
    filters.customerId ? sql`customer_id = ${filters.customerId}` : null,
    filters.search ? searchCondition(sql, filters.search) : null,
    // The cursor row's own timestamp, read in SQL: no precision lost on a round trip.
    filters.afterId
      ? sql`(created_at, id) < (select c.created_at, c.id from shipments c where c.id = ${filters.afterId})`
      : null,
  ].filter((condition) => condition !== null)
  return sql<Shipment[]>`
    select *
    from shipments
    where ${conditions.reduce((all, condition) => sql`${all} and ${condition}`)}
    order by created_at desc, id desc
    limit ${filters.limit}
  `
}

/** Shipment counts per status within the caller's scope, for the dashboard's chips. */
export async function countShipmentsByStatus(
  sql: Queryable,
  scope: ListingScope,
): Promise<Record<ShipmentStatus, number>> {
  const rows = await sql<{ status: ShipmentStatus; count: number }[]>`
    select status, count(*)::int as count
    from shipments
    where ${scopeCondition(sql, scope)}
    group by status
  `
  const none = Object.fromEntries(SHIPMENT_STATUSES.map((status) => [status, 0]))
  return { ...none, ...Object.fromEntries(rows.map((row) => [row.status, row.count])) } as Record<
    ShipmentStatus,
    number
  >
}

function scopeCondition(sql: Queryable, scope: ListingScope) {
  switch (scope.kind) {
    case 'everything':
      return sql`true`
    case 'driver':
      // their own, and the unassigned ones they may claim
      return sql`(driver_id = ${scope.driverId} or (status = 'pending' and driver_id is null))`
    case 'customer':
      return sql`customer_id = ${scope.customerId}`
  }
}

function searchCondition(sql: Queryable, search: string) {
  // ILIKE with the trigram indexes of migration 0002; wildcards in the input are literal.
  const pattern = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
  return sql`(tracking_number ilike ${pattern} or receiver_name ilike ${pattern})`
}
