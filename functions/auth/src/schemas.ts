import { verbatim } from '@dropmate/kit'
import { Account, Tokens } from '@dropmate/contracts/rest/accounts'
import { z } from '@hono/zod-openapi'

export const AccountSchema = Account.meta({ id: 'Account' })

export const TokensSchema = Tokens.extend({ account: AccountSchema }).openapi('Tokens')

export const RefreshBody = z.strictObject({
  refreshToken: verbatim(z.string().min(1).max(512)),
})
