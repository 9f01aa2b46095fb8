import { MailNotSent, type Email, type Mailer } from '@dropmate/mail'
import { describe, expect, it, vi } from 'vitest'
import { sendWithRetry } from './send-with-retry'

const email: Email = { to: 'ops@shop.example', subject: 's', html: 'h', text: 't' }

/** A mailer that fails with each error in turn, then sends; records when it was called. */
function failing(...errors: Error[]) {
  const calls: number[] = []
  const mailer: Mailer = {
    async send() {
      calls.push(Date.now())
      const error = errors.shift()
      if (error) throw error
    },
  }
  return { mailer, calls }
}

const busy = (retryAfter?: string) =>
  new MailNotSent('SendGrid answered 429', {
    cause: { code: 429, response: { headers: retryAfter ? { 'retry-after': retryAfter } : {} } },
  })
const options = () => ({ attempts: 3, retryDelayMs: 1, signal: new AbortController().signal })

describe('sendWithRetry', () => {
  it('tries again after a refusal that may pass, until SendGrid takes the email', async () => {
    const { mailer, calls } = failing(busy(), new MailNotSent('SendGrid answered 500'))
    await sendWithRetry(mailer, email, options())
    expect(calls).toHaveLength(3)
  })

  it('gives up after the last attempt with the last refusal', async () => {
    const { mailer, calls } = failing(busy(), busy(), new MailNotSent('SendGrid answered 503'))
    await expect(sendWithRetry(mailer, email, options())).rejects.toThrow('answered 503')
    expect(calls).toHaveLength(3)
  })

  it('waits as long as Retry-After asks', async () => {
    vi.useFakeTimers()
    try {
      const { mailer, calls } = failing(busy('120'))
      const sending = sendWithRetry(mailer, email, options())
      await vi.advanceTimersByTimeAsync(119_000)
      expect(calls).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(1_000)
      await sending
      expect(calls).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not retry what is not a refusal that may pass', async () => {
    const { mailer, calls } = failing(new TypeError('bug'))
    await expect(sendWithRetry(mailer, email, options())).rejects.toThrow('bug')
    expect(calls).toHaveLength(1)
  })

  it('stops waiting when shutdown aborts', async () => {
    const stopping = new AbortController()
    const { mailer, calls } = failing(busy('60'))
    const sending = sendWithRetry(mailer, email, { ...options(), signal: stopping.signal })
    stopping.abort()
    await expect(sending).rejects.toBeInstanceOf(MailNotSent)
    expect(calls).toHaveLength(1)
  })
})
