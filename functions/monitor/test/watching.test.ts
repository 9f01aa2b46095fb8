import { afterEach, describe, expect, it, vi } from 'vitest'
import { pod, podAutoscaler } from '../src/testing'
import { startScene, type Scene } from './scene'

let scene: Scene

afterEach(async () => {
  await scene?.close()
})

const crashLooping = pod('realtime-7c9f-x2', {
  restartCount: 3,
  waiting: 'CrashLoopBackOff',
  lastExit: { reason: 'Error', exitCode: 1 },
})

/** List requests (not watches) the fake API served for a collection. */
const lists = (scene: Scene, collection: string) =>
  scene.kube.requests.filter(
    (request) => request.split('?')[0]!.endsWith(`/${collection}`) && !request.includes('watch='),
  ).length

describe.each(['event', 'http'] as const)(
  'the scaling monitor when a watch gets 410 Gone (as %s)',
  (answer) => {
    it('lists again: a change made in the gap alerts, objects already seen do not', async () => {
      scene = await startScene({
        objects: [
          crashLooping,
          podAutoscaler('track-shipment', { desiredScale: 0, actualScale: 0 }),
        ],
      })
      await scene.watching()
      await scene.emails(1) // the pod was crash looping when the monitor started

      scene.kube.apply(podAutoscaler('track-shipment', { desiredScale: 2, actualScale: 2 }), {
        missed: true,
      })
      scene.kube.expire(answer)

      const emails = await scene.emails(2)
      expect(emails[1]!.subject).toBe('[DropMate] Info: track-shipment scaled from zero to 2 pods')
      await vi.waitFor(() => {
        for (const collection of ['pods', 'deployments', 'podautoscalers', 'revisions']) {
          expect(lists(scene, collection), collection).toBe(2)
        }
        expect(scene.monitor.notWatching()).toEqual([])
      })
      // Stopping sends any repeat the window counted: there must be none.
      await scene.close()
      expect(scene.sendgrid.sent).toHaveLength(2)
      expect(scene.broker.received).toHaveLength(2)
    })
  },
)

describe('the scaling monitor when the API server is away', () => {
  it('is alive but not ready until it watches, and watches once the API answers', async () => {
    scene = await startScene({ before: (kube) => kube.refuse(503) })
    await vi.waitFor(() => expect(scene.kube.requests.length).toBeGreaterThan(4))

    expect((await scene.app.request('/health')).status).toBe(200)
    const notReady = await scene.app.request('/ready')
    expect(notReady.status).toBe(503)
    expect(await notReady.json()).toMatchObject({
      code: 'not_ready',
      checks: { kubernetes: expect.stringMatching(/^not watching .*pods/) },
    })

    scene.kube.refuse(null)
    await scene.watching()
    expect((await scene.app.request('/ready')).status).toBe(200)
  })

  it('watches again from where it was after losing its watches, and misses no change', async () => {
    scene = await startScene({
      objects: [podAutoscaler('login', { desiredScale: 1, actualScale: 1 })],
    })
    await scene.watching()
    scene.kube.refuse(503)
    await vi.waitFor(() => expect(scene.monitor.notWatching()).not.toEqual([]))
    scene.kube.apply(podAutoscaler('login', { desiredScale: 0, actualScale: 0 }))
    scene.kube.refuse(null)

    const [email] = await scene.emails(1)
    expect(email!.subject).toBe('[DropMate] Info: login scaled to zero from 1 pod')
    await scene.watching()
    // Resumed from its resourceVersion: no second list was needed.
    expect(lists(scene, 'podautoscalers')).toBe(1)
  })
})
