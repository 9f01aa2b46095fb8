import type { Account, Tokens } from '@dropmate/contracts/rest'
import { send, type Call, type Reply } from '../lib/api-client'
import { logIn, type Credentials } from '../lib/log-in'

/** Renewed once this share of its lifetime has passed, so calls rarely meet a 401. */
const RENEW_AT = 0.9

/**
 * A signed-in user of one server. Every call carries the access token; the token is
 * refreshed shortly before it expires, and a 401 renews it (refresh, else log in again)
 * and retries once. One renewal at a time: a refresh token works only once.
 */
export class Session {
  private renewal: Promise<void> | null = null

  private constructor(
    readonly baseUrl: string,
    private readonly credentials: Credentials,
    private tokens: Tokens,
    private renewAt: number,
  ) {}

  /** Logs in; rejects with an ApiError (401 invalid_credentials, ...) when refused. */
  static async open(baseUrl: string, credentials: Credentials): Promise<Session> {
    const tokens = await logIn(baseUrl, credentials)
    return new Session(baseUrl, credentials, tokens, renewalOf(tokens))
  }

  get account(): Account {
    return this.tokens.account
  }

  /** Rejects only with a NetworkError (or an ApiError when signing in again is refused). */
  async call(call: Call): Promise<Reply> {
    if (Date.now() >= this.renewAt) await this.renew()
    const token = this.tokens.accessToken
    const reply = await send(this.baseUrl, call, token)
    if (reply.status !== 401) return reply
    if (this.tokens.accessToken === token) await this.renew()
    return send(this.baseUrl, call, this.tokens.accessToken)
  }

  private renew(): Promise<void> {
    this.renewal ??= this.refreshOrLogIn().finally(() => (this.renewal = null))
    return this.renewal
  }

  private async refreshOrLogIn() {
    const reply = await send(this.baseUrl, {
      method: 'POST',
      path: '/api/auth/refresh',
      json: { refreshToken: this.tokens.refreshToken },
    })
    const tokens =
      reply.status === 200 ? (reply.body as Tokens) : await logIn(this.baseUrl, this.credentials)
    this.tokens = tokens
    this.renewAt = renewalOf(tokens)
  }
}

const renewalOf = (tokens: Tokens) => Date.now() + tokens.expiresIn * 1000 * RENEW_AT
