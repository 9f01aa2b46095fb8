import type { AUDIT_ACTIONS } from '@dropmate/contracts/rest/accounts'
import type { Queryable } from '../client'

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** A changed field's value before and after; absent before for what was just created. */
export type FieldChange = { from?: unknown; to?: unknown }

export interface NewAuditEvent {
  actorId: string
  action: AuditAction
  targetId: string
  /** The changed fields, before and after. Never a password or its hash. */
  changes?: Record<string, FieldChange>
}

export interface AuditEvent {
  id: string
  at: Date
  actorId: string | null
  actorName: string | null
  action: AuditAction
  targetId: string
  targetName: string | null
  changes: Record<string, FieldChange>
}

export interface AuditFilter {
  targetId?: string
  actorId?: string
  /** Continue after the entry with this id (the last one of the previous page). */
  afterId?: string
  limit: number
}

/** Records an admin's change; pass the change's transaction, so both commit or neither. */
export async function recordAudit(sql: Queryable, event: NewAuditEvent): Promise<void> {
  await sql`
    insert into audit_events ${sql({
      actorId: event.actorId,
      action: event.action,
      targetId: event.targetId,
      changes: sql.json((event.changes ?? {}) as never),
    })}
  `
}

/** One page of the trail, newest first, resumed exactly by the last entry's id. */
export async function listAudit(sql: Queryable, filter: AuditFilter): Promise<AuditEvent[]> {
  const { targetId, actorId, afterId, limit } = filter
  const conditions = [
    targetId ? sql`a.target_id = ${targetId}` : null,
    actorId ? sql`a.actor_id = ${actorId}` : null,
    afterId
      ? sql`(a.at, a.id) < (select c.at, c.id from audit_events c where c.id = ${afterId})`
      : null,
  ].filter((condition) => condition !== null)
  return sql<AuditEvent[]>`
    select
      a.id,
      a.at,
      a.actor_id,
      actor.name as actor_name,
      a.action,
      a.target_id,
      target.name as target_name,
      a.changes
    from audit_events a
    left join users actor on actor.id = a.actor_id
    left join users target on target.id = a.target_id
    where ${conditions.reduce((all, condition) => sql`${all} and ${condition}`, sql`true`)}
    order by a.at desc, a.id desc
    limit ${limit}
  `
}
