import type { Queryable } from '../client'

/** A registered webhook endpoint; `secret` is as stored (sealed when a key is configured). */
export interface WebhookEndpointRow {
  id: string
  url: string
  description: string
  eventTypes: string[]
  enabled: boolean
  secret: string
  createdAt: Date
  updatedAt: Date
}

export interface NewWebhookEndpoint {
  url: string
  description: string
  eventTypes: string[]
  enabled: boolean
  secret: string
}

/** One event as sent to one endpoint: `id` is its `webhook-id`, `payload` the signed body. */
export interface WebhookMessageRow {
  id: string
  endpointId: string
  eventSource: string
  eventId: string
  eventType: string
  payload: string
  createdAt: Date
}

export interface WebhookAttemptRow {
  messageId: string
  attempt: number
  replay: boolean
  attemptedAt: Date
  durationMs: number
  responseStatus: number | null
  responseExcerpt: string | null
  error: string | null
  succeeded: boolean
}

export type NewWebhookAttempt = Omit<WebhookAttemptRow, 'attempt' | 'attemptedAt'>

export async function insertWebhookEndpoint(
  sql: Queryable,
  endpoint: NewWebhookEndpoint,
): Promise<WebhookEndpointRow> {
  const [row] = await sql<WebhookEndpointRow[]>`
    insert into webhook_endpoints (
      url,
      description,
      event_types,
      enabled,
      secret
    )
    values (
      ${endpoint.url},
      ${endpoint.description},
      ${sql.array(endpoint.eventTypes)}::text[],
      ${endpoint.enabled},
      ${endpoint.secret}
    )
    returning *
  `
  return row!
}

export async function listWebhookEndpoints(sql: Queryable): Promise<WebhookEndpointRow[]> {
  return sql<WebhookEndpointRow[]>`
    select *
    from webhook_endpoints
    order by created_at, id
  `
}

export async function findWebhookEndpoint(
  sql: Queryable,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  const [row] = await sql<WebhookEndpointRow[]>`
    select *
    from webhook_endpoints
    where id = ${id}
  `
  return row
}

/** The enabled endpoints that asked for events of `type`. */
export async function webhookEndpointsFor(
  sql: Queryable,
  type: string,
): Promise<WebhookEndpointRow[]> {
  return sql<WebhookEndpointRow[]>`
    select *
    from webhook_endpoints
    where enabled
      and ${type} = any(event_types)
    order by created_at, id
  `
}

/** Changes the fields given; undefined when no endpoint has the id. */
export async function updateWebhookEndpoint(
  sql: Queryable,
  id: string,
  change: Partial<NewWebhookEndpoint>,
): Promise<WebhookEndpointRow | undefined> {
  const [row] = await sql<WebhookEndpointRow[]>`
    update webhook_endpoints
    set
      url = coalesce(${change.url ?? null}::text, url),
      description = coalesce(${change.description ?? null}::text, description),
      event_types = coalesce(${change.eventTypes ? sql.array(change.eventTypes) : null}::text[], event_types),
      enabled = coalesce(${change.enabled ?? null}::boolean, enabled),
      secret = coalesce(${change.secret ?? null}::text, secret),
      updated_at = now()
    where id = ${id}
    returning *
  `
  return row
}

/** Removes the endpoint with its messages and their log; false when there was none. */
export async function deleteWebhookEndpoint(sql: Queryable, id: string): Promise<boolean> {
  const rows = await sql`
    delete from webhook_endpoints
    where id = ${id}
    returning id
  `
  return rows.length > 0
}

/**
 * The message for this event and endpoint: made on the first delivery, found on every later
 * one, so its id (the `webhook-id`) and body stay the same across retries.
 */
export async function webhookMessageFor(
  sql: Queryable,
  message: Omit<WebhookMessageRow, 'createdAt'>,
): Promise<WebhookMessageRow> {
  await sql`
    insert into webhook_messages (
      id,
      endpoint_id,
      event_source,
      event_id,
      event_type,
      payload
    )
    values (
      ${message.id},
      ${message.endpointId},
      ${message.eventSource},
      ${message.eventId},
      ${message.eventType},
      ${message.payload}
    )
    on conflict (endpoint_id, event_source, event_id) do nothing
  `
  const [row] = await sql<WebhookMessageRow[]>`
    select *
    from webhook_messages
    where endpoint_id = ${message.endpointId}
      and event_source = ${message.eventSource}
      and event_id = ${message.eventId}
  `
  return row!
}

export async function findWebhookMessage(
  sql: Queryable,
  endpointId: string,
  id: string,
): Promise<WebhookMessageRow | undefined> {
  const [row] = await sql<WebhookMessageRow[]>`
    select *
    from webhook_messages
    where endpoint_id = ${endpointId}
      and id = ${id}
  `
  return row
}

/** Logs one attempt, numbered after the message's earlier ones. */
export async function recordWebhookAttempt(
  sql: Queryable,
  attempt: NewWebhookAttempt,
): Promise<WebhookAttemptRow> {
  const [row] = await sql<WebhookAttemptRow[]>`
    insert into webhook_attempts (
      message_id,
      attempt,
      replay,
      duration_ms,
      response_status,
      response_excerpt,
      error,
      succeeded
    )
    select
      ${attempt.messageId}::text,
      coalesce(max(attempt), 0) + 1,
      ${attempt.replay}::boolean,
      ${attempt.durationMs}::integer,
      ${attempt.responseStatus}::integer,
      ${attempt.responseExcerpt}::text,
      ${attempt.error}::text,
      ${attempt.succeeded}::boolean
    from webhook_attempts
    where message_id = ${attempt.messageId}
    returning *
  `
  return row!
}

/** The endpoint's newest messages, each with every attempt, oldest attempt first. */
export async function listWebhookDeliveries(
  sql: Queryable,
  endpointId: string,
  limit: number,
): Promise<Array<WebhookMessageRow & { attempts: WebhookAttemptRow[] }>> {
  const messages = await sql<WebhookMessageRow[]>`
    select *
    from webhook_messages
    where endpoint_id = ${endpointId}
    order by created_at desc, id
    limit ${limit}
  `
  if (messages.length === 0) return []
  const attempts = await sql<WebhookAttemptRow[]>`
    select *
    from webhook_attempts
    where message_id = any(${sql.array(messages.map((m) => m.id))}::text[])
    order by message_id, attempt
  `
  return messages.map((message) => ({
    ...message,
    attempts: attempts.filter((a) => a.messageId === message.id),
  }))
}
