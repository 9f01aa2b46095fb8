import type { Queryable } from '../client'

/** Who Firebase says signed in: identity only; the role is always ours to decide. */
export interface FirebaseIdentity {
  firebaseUid: string
  email: string
  emailVerified: boolean
  name: string
}

export async function findUserIdByFirebaseUid(
  sql: Queryable,
  firebaseUid: string,
): Promise<string | undefined> {
  const [user] = await sql<{ id: string }[]>`
    select id
    from users
    where firebase_uid = ${firebaseUid}
  `
  return user?.id
}

/**
 * Gives a Firebase user their account in one statement: links the account that already has
 * their email when Firebase verified it and the account is not linked yet, otherwise creates
 * a customer. Undefined when it did neither: the email belongs to an account this identity
 * may not take over, or a concurrent request for the same uid won the race (its row is
 * committed by the time this returns, so look it up again).
 */
export async function linkOrCreateFirebaseUser(
  sql: Queryable,
  identity: FirebaseIdentity,
): Promise<string | undefined> {
  const { firebaseUid, email, emailVerified, name } = identity
  const [user] = await sql<{ id: string }[]>`
    with linked as (
      update users
      set firebase_uid = ${firebaseUid}
      where lower(email) = lower(${email})
        and firebase_uid is null
        and ${emailVerified}::boolean
      returning id
    ),
    created as (
      insert into users (email, name, role, firebase_uid)
      select ${email}, ${name}, 'customer', ${firebaseUid}
      where not exists (select 1 from linked)
      -- Any unique key: the same uid (a racing first request) or the same email (an
      -- account this identity did not link) both mean "do not create".
      on conflict do nothing
      returning id
    )
    select id from linked
    union all
    select id from created
  `
  return user?.id
}
