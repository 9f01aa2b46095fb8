import type { Queryable } from '../client'

export interface StoredResponse {
  requestHash: string
  responseStatus: number | null
  responseBody: unknown
}

/**
 * Claims an Idempotency-Key for this caller inside the caller's transaction. True when the
 * key is new; false when it was used before (a concurrent first use makes this wait until
 * that transaction ends, so its stored response is there to read).
 */
export async function claimIdempotencyKey(
  sql: Queryable,
  claim: { userId: string; key: string; requestHash: string },
): Promise<boolean> {
  const rows = await sql`
    insert into idempotency_keys ${sql(claim)}
    on conflict (user_id, key) do nothing
    returning key
  `
  return rows.length === 1
}

export async function storeIdempotentResponse(
  sql: Queryable,
  stored: { userId: string; key: string; status: number; body: unknown },
): Promise<void> {
  await sql`
    update idempotency_keys
    set response_status = ${stored.status},
      response_body = ${sql.json(stored.body as never)}
    where user_id = ${stored.userId}
      and key = ${stored.key}
  `
}

export async function findIdempotentResponse(
  sql: Queryable,
  userId: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const [stored] = await sql<StoredResponse[]>`
    select request_hash, response_status, response_body
    from idempotency_keys
    where user_id = ${userId}
      and key = ${key}
  `
  return stored
}
