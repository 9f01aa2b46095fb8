import { describe, expect, it } from 'vitest'
import type { Alert } from './alert'
import { renderAlertEmail } from './templates'

const alert: Alert = {
  subject: 'pod/realtime-7c9f-x2',
  kind: 'crash_loop',
  severity: 'critical',
  summary: 'realtime-7c9f-x2: container realtime is crash looping (3 restarts)',
  numbers: { container: 'realtime', restartCount: 3, lastExitReason: 'Error' },
  commands: ['kubectl -n dropmate logs realtime-7c9f-x2 -c realtime --previous'],
}

describe('renderAlertEmail', () => {
  it('says what happened, the numbers and where to look, in HTML and text', async () => {
    const email = await renderAlertEmail({ alert, followUp: false, occurrences: 1, periodMs: 0 })
    expect(email.subject).toBe(
      '[DropMate] Critical: realtime-7c9f-x2: container realtime is crash looping (3 restarts)',
    )
    for (const part of [email.text, email.html]) {
      expect(part).toContain('container realtime is crash looping')
      expect(part).toContain('restartCount')
      expect(part).toContain('kubectl -n dropmate logs realtime-7c9f-x2 -c realtime --previous')
      expect(part).not.toContain('This happened')
    }
    expect(email.text).toContain('  restartCount: 3')
    expect(email.html).toMatch(/<th[^>]*>restartCount<\/th>\s*<td>3<\/td>/)
  })

  it('tells a follow-up by its count over the window', async () => {
    const email = await renderAlertEmail({
      alert,
      followUp: true,
      occurrences: 10,
      periodMs: 600_000,
    })
    expect(email.subject).toMatch(/\(10 times in the last 10 minutes\)$/)
    expect(email.text).toContain('This happened 10 times in the last 10 minutes')
    expect(email.html).toContain('This happened 10 times in the last 10 minutes')
  })

  it('escapes what comes from the cluster', async () => {
    const hostile = { ...alert, summary: 'failed: <script>alert("x")</script> & more' }
    const email = await renderAlertEmail({
      alert: hostile,
      followUp: false,
      occurrences: 1,
      periodMs: 0,
    })
    expect(email.html).not.toContain('<script>')
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more')
  })
})
