import type { Queryable } from '../client'

export interface ReferencedShipment {
  reference: string
  id: string
  trackingNumber: string
}

/** The shipments that already carry any of these shop references. */
export async function findShipmentsByReference(
  sql: Queryable,
  references: string[],
): Promise<ReferencedShipment[]> {
  if (references.length === 0) return []
  return sql<ReferencedShipment[]>`
    select reference, id, tracking_number
    from shipments
    where reference in ${sql(references)}
  `
}
