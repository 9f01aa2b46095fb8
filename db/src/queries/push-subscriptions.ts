import type { Queryable } from '../client'

/** A browser's push subscription, as the Push API gives it. */
export interface PushSubscriptionKeys {
  endpoint: string
  p256dh: string
  auth: string
}

export interface StoredPushSubscription extends PushSubscriptionKeys {
  id: string
}

/**
 * Keeps the subscription for `userId`. An endpoint is one browser's: saved again, it moves
 * to whoever signed in there last, with its current keys.
 */
export async function savePushSubscription(
  sql: Queryable,
  userId: string,
  { endpoint, p256dh, auth }: PushSubscriptionKeys,
): Promise<void> {
  await sql`
    insert into push_subscriptions (user_id, endpoint, p256dh, auth)
    values (${userId}, ${endpoint}, ${p256dh}, ${auth})
    on conflict (endpoint) do update
    set user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth
  `
}

/** Forgets `userId`'s subscription at `endpoint`; false when they had none there. */
export async function deletePushSubscription(
  sql: Queryable,
  userId: string,
  endpoint: string,
): Promise<boolean> {
  const rows = await sql`
    delete from push_subscriptions where user_id = ${userId} and endpoint = ${endpoint}
    returning id
  `
  return rows.length > 0
}

/** Forgets a subscription its push service said is gone. */
export async function forgetPushSubscription(sql: Queryable, id: string): Promise<void> {
  await sql`delete from push_subscriptions where id = ${id}`
}

/** Where the driver's installed apps take pushes. */
export function pushSubscriptionsOfDriver(
  sql: Queryable,
  driverId: string,
): Promise<StoredPushSubscription[]> {
  return sql<StoredPushSubscription[]>`
    select p.id, p.endpoint, p.p256dh, p.auth
    from push_subscriptions p
    join drivers d on d.user_id = p.user_id
    where d.id = ${driverId}
    order by p.created_at
  `
}
