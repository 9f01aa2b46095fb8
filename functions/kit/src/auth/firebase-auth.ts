import { findAccount, findUserIdByFirebaseUid, linkOrCreateFirebaseUser } from '@dropmate/db'
import type { FirebaseIdentity, Sql } from '@dropmate/db'
import type { Auth, DecodedIdToken } from 'firebase-admin/auth'
import type { AccountChanges } from './account-changes'
import { principalFrom } from './local-auth'
import type { Authenticator, Principal } from './principal'

export interface FirebaseAuthOptions {
  sql: Sql
  projectId: string
  /** Changes to accounts: a cached principal older than the account's last one is read again. */
  changes: AccountChanges
  /** How long a principal is cached at most: as long as a local access token lives. */
  cacheSeconds: number
}

// Principals cached at most: a city's couriers and staff, a few hundred bytes each.
const MAX_CACHED = 20_000

interface Cached {
  principal: Principal
  version: number
  cachedAt: number
}

/**
 * Firebase ID tokens: Firebase proves who someone is, our database says what they may do.
 * A first-seen user becomes a customer (or is linked to the account an admin created for
 * their verified email). The role is ours, so a Firebase token does not carry it (custom
 * claims would need a credentialed Admin SDK and would stay in tokens for their hour): the
 * account is read once and cached per Firebase user, until a change to it is announced or
 * `cacheSeconds` pass, whichever is first.
 */
export class FirebaseAuth implements Authenticator {
  private auth?: Promise<Auth>
  private readonly cache = new Map<string, Cached>()

  constructor(private readonly options: FirebaseAuthOptions) {
    // The emulator's tokens are unsigned and firebase-admin skips the signature check when
    // this variable is set: outside a demo- project it would let anyone forge a token.
    if (process.env.FIREBASE_AUTH_EMULATOR_HOST && !options.projectId.startsWith('demo-')) {
      throw new Error('FIREBASE_AUTH_EMULATOR_HOST is only allowed with a demo- project id')
    }
  }

  async principalFor(token: string): Promise<Principal | null> {
    const auth = await this.firebase()
    const decoded = await auth.verifyIdToken(token).catch(() => null)
    const identity = decoded && identityOf(decoded)
    if (!identity) return null
    const { changes, cacheSeconds } = this.options
    await changes.ready()
    const cached = this.cache.get(identity.firebaseUid)
    if (
      cached &&
      cached.cachedAt > Date.now() - cacheSeconds * 1_000 &&
      changes.counts(cached.principal.userId, cached.version)
    ) {
      return cached.principal
    }
    this.cache.delete(identity.firebaseUid)
    return this.load(identity)
  }

  /** The account as the database has it now, cached unless a newer change is known. */
  private async load(identity: FirebaseIdentity): Promise<Principal | null> {
    const { sql, changes } = this.options
    const userId =
      (await findUserIdByFirebaseUid(sql, identity.firebaseUid)) ??
      (await linkOrCreateFirebaseUser(sql, identity)) ??
      // Nothing linked or created: either a racing first request did it (committed by now)
      // or the email belongs to an account this identity may not take over.
      (await findUserIdByFirebaseUid(sql, identity.firebaseUid))
    const account = userId && (await findAccount(sql, userId))
    if (!account || account.disabledAt) return null
    const principal = principalFrom(account)
    // A change announced while this read was under way may be newer than what it read.
    if (changes.counts(account.id, account.accessVersion)) {
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!)
      this.cache.set(identity.firebaseUid, {
        principal,
        version: account.accessVersion,
        cachedAt: Date.now(),
      })
    }
    return principal
  }

  /**
   * firebase-admin is loaded on first use: importing it costs ~0.2 s (measured on Node 20),
   * which a Knative cold start of a local-mode function should not pay.
   */
  private firebase(): Promise<Auth> {
    this.auth ??= (async () => {
      const { getApps, getAuth, initializeApp } = await import('./firebase-admin')
      const { projectId } = this.options
      const name = `dropmate-${projectId}`
      const app = getApps().find((a) => a.name === name) ?? initializeApp({ projectId }, name)
      return getAuth(app)
    })()
    return this.auth
  }
}

/** Null for tokens that cannot name an account: phone or anonymous sign-ins have no email. */
function identityOf(token: DecodedIdToken): FirebaseIdentity | null {
  const email = token.email
  const at = email?.indexOf('@') ?? -1
  if (!email || at < 1) return null
  const claimed = typeof token.name === 'string' ? token.name.trim() : ''
  return {
    firebaseUid: token.uid,
    email,
    emailVerified: token.email_verified === true,
    name: claimed || email.slice(0, at),
  }
}
