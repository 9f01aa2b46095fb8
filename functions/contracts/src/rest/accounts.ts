import { ROLES } from '@dropmate/core/status-machine'
import { z } from 'zod'
import { Id } from '../fields'

/** Who is signed in, as `GET /api/me` and every sign-in answer it. */
export const Account = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  driverId: Id.nullable(),
})
export type Account = z.infer<typeof Account>

/** An account as an admin manages it: who, and whether they may sign in at all. */
export const ManagedAccount = Account.extend({ disabled: z.boolean() })
export type ManagedAccount = z.infer<typeof ManagedAccount>

/** What signing in or refreshing answers. */
export const Tokens = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires' }),
  refreshToken: z.string(),
  account: Account,
})
export type Tokens = z.infer<typeof Tokens>
