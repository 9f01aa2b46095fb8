import { afterEach, describe, expect, it } from 'vitest'
import { deployment, pod } from '../src/testing'
import { startScene, type Scene } from './scene'

let scene: Scene

afterEach(async () => {
  await scene?.close()
})

const POD = 'realtime-7c9f-x2'
const crashLooping = (restartCount: number) =>
  pod(POD, {
    name: 'realtime',
    restartCount,
    waiting: 'CrashLoopBackOff',
    lastExit: { reason: 'Error', exitCode: 1 },
  })

describe('the scaling monitor, as pods crash', () => {
  it('sends one email for a flapping pod and one follow-up with the count, not ten', async () => {
    scene = await startScene({ objects: [pod(POD, { name: 'realtime', restartCount: 0 })] })
    await scene.watching()
    for (let restarts = 1; restarts <= 10; restarts++) scene.kube.apply(crashLooping(restarts))

    const [first, followUp] = await scene.emails(2)
    expect(first!.subject).toBe(
      `[DropMate] Critical: ${POD}: container realtime is crash looping (1 restart)`,
    )
    expect(first!.text).toContain(`kubectl -n dropmate logs ${POD} -c realtime --previous`)
    expect(first!.text).toContain('  waitingReason: CrashLoopBackOff\n  lastExitReason: Error')
    expect(followUp!.subject).toMatch(
      /crash looping \(10 restarts\) \(10 times in the last 3 seconds\)$/,
    )
    expect(followUp!.text).toContain('This happened 10 times in the last 3 seconds')
    expect(followUp!.text).toContain('  restartCount: 10')
    expect(followUp!.html).toContain('This happened 10 times in the last 3 seconds')

    const events = await scene.broker.waitFor(2)
    expect(events.map(({ event }) => event.data)).toMatchObject([
      { kind: 'crash_loop', followUp: false, occurrences: 1 },
      { kind: 'crash_loop', followUp: true, occurrences: 10, periodSeconds: 3 },
    ])
    await scene.close()
    expect(scene.sendgrid.sent).toHaveLength(2)
  })

  it('names an OOM kill with the exit code and the memory limit', async () => {
    const name = 'track-shipment-00001-deployment-5d8f-q'
    scene = await startScene({ objects: [pod(name, { restartCount: 0, memoryLimit: '256Mi' })] })
    await scene.watching()
    scene.kube.apply(
      pod(name, {
        restartCount: 1,
        memoryLimit: '256Mi',
        lastExit: { reason: 'OOMKilled', exitCode: 137 },
      }),
    )

    const [email] = await scene.emails(1)
    expect(email!.subject).toBe(
      `[DropMate] Critical: ${name}: container app was killed for running out of memory`,
    )
    expect(email!.text).toContain(
      '  lastExitReason: OOMKilled\n  lastExitCode: 137\n  memoryLimit: 256Mi',
    )
    expect(email!.html).toContain(`kubectl -n dropmate describe pod ${name}`)
  })

  it('tells of a Deployment that stays short of replicas, not of one that recovers or goes', async () => {
    const healthy = { replicas: 2, available: 2 }
    scene = await startScene({
      objects: [
        deployment('realtime', healthy),
        deployment('old-gateway', healthy),
        deployment('broker-dispatcher', healthy),
      ],
    })
    await scene.watching()
    scene.kube.apply(deployment('realtime', { replicas: 2, available: 1 }))
    scene.kube.apply(deployment('realtime', healthy))
    scene.kube.remove(scene.kube.apply(deployment('old-gateway', { replicas: 2, available: 0 })))
    // Held for the same grace and begun later: once its email is in, the others' holds ended.
    scene.kube.apply(deployment('broker-dispatcher', { replicas: 2, available: 0 }))

    const emails = await scene.emails(1)
    await scene.close()
    expect(emails.map((email) => email.subject)).toEqual([
      '[DropMate] Critical: broker-dispatcher has 0 of 2 replicas available',
    ])
    expect(emails[0]!.text).toContain(
      'kubectl -n dropmate get pods -l app.kubernetes.io/name=broker-dispatcher',
    )
    expect(scene.sendgrid.sent).toHaveLength(1)
  })
})
