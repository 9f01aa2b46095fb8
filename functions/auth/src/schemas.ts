import { verbatim } from '@dropmate/kit'
import { ROLES } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

export const AccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    driverId: z.uuid().nullable(),
  })
  .openapi('Account')

export const TokensSchema = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string(),
    account: AccountSchema,
  })
  .openapi('Tokens')

export const RefreshBody = z.strictObject({
  refreshToken: verbatim(z.string().min(1).max(512)),
})
