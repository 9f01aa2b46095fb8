import { VEHICLE_TYPES } from '@dropmate/core/fleet'
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

/** An account in the admins' list (`GET /api/users`). */
export const UserSummary = ManagedAccount.extend({
  phone: z.string().nullable(),
  createdAt: z.iso.datetime(),
})
export type UserSummary = z.infer<typeof UserSummary>

/** A page of accounts by name; `nextCursor` continues it, null on the last page. */
export const UserPage = z.object({ items: z.array(UserSummary), nextCursor: Id.nullable() })
export type UserPage = z.infer<typeof UserPage>

/** One account as an admin opens it (`GET /api/users/:id`): a driver's vehicle comes with it. */
export const UserDetail = UserSummary.extend({
  vehicle: z
    .object({ type: z.enum(VEHICLE_TYPES), plate: z.string().nullable() })
    .nullable()
    .meta({ description: "A driver's vehicle; null for other roles" }),
})
export type UserDetail = z.infer<typeof UserDetail>

/** What a password reset answers: a generated password, shown this once and kept nowhere. */
export const PasswordReset = z.object({
  account: ManagedAccount,
  generatedPassword: z.string().nullable().meta({
    description: 'The new password when the server made it up; null when the admin set it',
  }),
})
export type PasswordReset = z.infer<typeof PasswordReset>

export const AUDIT_ACTIONS = [
  'user.created',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'driver.created',
  'driver.changed',
] as const

/** One change on the audit trail (`GET /api/audit`): who, when, what, to whom, from → to. */
export const AuditEntry = z.object({
  id: Id,
  at: z.iso.datetime(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  targetId: Id,
  targetName: z.string().nullable(),
  changes: z
    .record(z.string(), z.object({ from: z.unknown().optional(), to: z.unknown().optional() }))
    .meta({ description: 'The changed fields before and after; never a password' }),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: Id.nullable() })
export type AuditPage = z.infer<typeof AuditPage>
