import { logger } from '@dropmate/runtime'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { pod, podAutoscaler } from '../src/testing'
import { startScene, type Scene } from './scene'

let scene: Scene

afterEach(async () => {
  await scene?.close()
  vi.restoreAllMocks()
})

const crashLooping = pod('realtime-7c9f-x2', {
  restartCount: 3,
  waiting: 'CrashLoopBackOff',
  lastExit: { reason: 'Error', exitCode: 1 },
})

describe('how the scaling monitor sends alerts', () => {
  it('tries again when SendGrid answers 429 and 500, and one email lands', async () => {
    scene = await startScene()
    scene.sendgrid.answer(429, 500, 202)
    await scene.watching()
    scene.kube.apply(crashLooping)

    const emails = await scene.emails(1)
    await scene.close()
    expect(emails).toHaveLength(1)
    expect(scene.sendgrid.sent).toHaveLength(1)
  })

  it('logs the whole alert at error level once SendGrid keeps refusing', async () => {
    const errors = vi.spyOn(logger, 'error')
    scene = await startScene({ env: { ALERT_EMAIL_ATTEMPTS: '2' } })
    scene.sendgrid.answer(503)
    await scene.watching()
    scene.kube.apply(crashLooping)

    await vi.waitFor(() =>
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({
          alert: expect.objectContaining({ subject: 'pod/realtime-7c9f-x2', kind: 'crash_loop' }),
        }),
        'alert email not sent',
      ),
    )
    expect(scene.sendgrid.sent).toEqual([])
    // The broker still heard of it.
    await scene.broker.waitFor(1)
  })

  it('emails every recipient of ALERT_EMAIL_TO', async () => {
    scene = await startScene({ env: { ALERT_EMAIL_TO: 'ops@shop.example,owner@shop.example' } })
    await scene.watching()
    scene.kube.apply(crashLooping)

    const emails = await scene.emails(2)
    expect(emails.flatMap((email) => email.to).sort()).toEqual([
      'ops@shop.example',
      'owner@shop.example',
    ])
  })

  it('without SendGrid or recipients, publishes the alert, sends nothing and stays ready', async () => {
    const unset: Array<Record<string, string>> = [{ SENDGRID_API_KEY: '' }, { ALERT_EMAIL_TO: '' }]
    for (const env of unset) {
      scene = await startScene({ env })
      await scene.watching()
      scene.kube.apply(crashLooping)

      const [delivery] = await scene.broker.waitFor(1)
      expect(delivery!.event.subject).toBe('pod/realtime-7c9f-x2')
      expect((await scene.app.request('/ready')).status).toBe(200)
      await scene.close()
      expect(scene.sendgrid.sent).toEqual([])
    }
  })

  it('emails only what reaches ALERT_EMAIL_MIN_SEVERITY, and publishes everything', async () => {
    scene = await startScene({
      env: { ALERT_EMAIL_MIN_SEVERITY: 'warning' },
      objects: [podAutoscaler('login', { desiredScale: 1, actualScale: 1 })],
    })
    await scene.watching()
    scene.kube.apply(podAutoscaler('login', { desiredScale: 0, actualScale: 0 }))
    scene.kube.apply(crashLooping)

    const emails = await scene.emails(1)
    await scene.broker.waitFor(2)
    await scene.close()
    expect(emails.map((email) => email.subject)).toEqual([
      '[DropMate] Critical: realtime-7c9f-x2: container app is crash looping (3 restarts)',
    ])
  })
})
