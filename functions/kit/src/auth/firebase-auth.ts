import { findUserIdByFirebaseUid, linkOrCreateFirebaseUser } from '@dropmate/db'
import type { FirebaseIdentity, Sql } from '@dropmate/db'
import type { Auth, DecodedIdToken } from 'firebase-admin/auth'
import { principalOf } from './local-auth'
import type { Authenticator, Principal } from './principal'

export interface FirebaseAuthOptions {
  sql: Sql
  projectId: string
}

/**
 * Firebase ID tokens: Firebase proves who someone is, our database says what they may do.
 * A first-seen user becomes a customer (or is linked to the account an admin created for
 * their verified email); the role is read from the database on every request.
 */
export class FirebaseAuth implements Authenticator {
  private auth?: Promise<Auth>

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
    const { sql } = this.options
    const userId =
      (await findUserIdByFirebaseUid(sql, identity.firebaseUid)) ??
      (await linkOrCreateFirebaseUser(sql, identity)) ??
      // Nothing linked or created: either a racing first request did it (committed by now)
      // or the email belongs to an account this identity may not take over.
      (await findUserIdByFirebaseUid(sql, identity.firebaseUid))
    return userId ? principalOf(sql, userId) : null
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
