import { describe, expect, it } from 'vitest'
import { pod } from '../testing'
import { podAlerts } from './pod'

const crashed = { reason: 'Error', exitCode: 1 }
const running = (restartCount: number) =>
  pod('realtime-7c9f-x2', { name: 'realtime', restartCount })
const crashLooping = (restartCount: number) =>
  pod('realtime-7c9f-x2', {
    name: 'realtime',
    restartCount,
    waiting: 'CrashLoopBackOff',
    lastExit: crashed,
  })

describe('podAlerts', () => {
  it('tells when a container starts crash looping, with how to read its last run', () => {
    const [alert] = podAlerts(running(0), crashLooping(1))
    expect(alert).toEqual({
      subject: 'pod/realtime-7c9f-x2',
      kind: 'crash_loop',
      severity: 'critical',
      summary: 'realtime-7c9f-x2: container realtime is crash looping (1 restart)',
      numbers: {
        container: 'realtime',
        restartCount: 1,
        waitingReason: 'CrashLoopBackOff',
        lastExitReason: 'Error',
        lastExitCode: 1,
      },
      commands: [
        'kubectl -n dropmate describe pod realtime-7c9f-x2',
        'kubectl -n dropmate logs realtime-7c9f-x2 -c realtime --previous',
        'kubectl -n dropmate get events --field-selector involvedObject.name=realtime-7c9f-x2',
      ],
    })
  })

  it('tells again each time the crash loop restarts it, for the window to count', () => {
    expect(podAlerts(crashLooping(3), crashLooping(4)).map((a) => a.kind)).toEqual(['crash_loop'])
    expect(podAlerts(crashLooping(4), crashLooping(4))).toEqual([])
  })

  it('names an OOM kill, with the memory limit it ran into', () => {
    const killed = pod('track-shipment-00001-deployment-5d-q', {
      restartCount: 1,
      lastExit: { reason: 'OOMKilled', exitCode: 137 },
      memoryLimit: '256Mi',
    })
    const [alert] = podAlerts(
      pod('track-shipment-00001-deployment-5d-q', { restartCount: 0 }),
      killed,
    )
    expect(alert).toMatchObject({
      kind: 'oom_killed',
      severity: 'critical',
      summary:
        'track-shipment-00001-deployment-5d-q: container app was killed for running out of memory',
      numbers: {
        restartCount: 1,
        lastExitReason: 'OOMKilled',
        lastExitCode: 137,
        memoryLimit: '256Mi',
      },
    })
  })

  it('tells of a plain restart as a warning', () => {
    const restarted = pod('p', { restartCount: 2, lastExit: crashed })
    expect(podAlerts(pod('p', { restartCount: 1 }), restarted)).toMatchObject([
      { kind: 'container_restarted', severity: 'warning', numbers: { restartCount: 2 } },
    ])
  })

  it('judges each container on its own', () => {
    const before = pod('p', { name: 'a', restartCount: 0 }, { name: 'b', restartCount: 0 })
    const after = pod('p', { name: 'a', restartCount: 0 }, { name: 'b', restartCount: 1 })
    expect(podAlerts(before, after)).toMatchObject([{ numbers: { container: 'b' } }])
  })

  it('tells of a pod first seen only if it is crash looping now: old restarts are history', () => {
    expect(podAlerts(undefined, pod('p', { restartCount: 7, lastExit: crashed }))).toEqual([])
    expect(podAlerts(undefined, crashLooping(7)).map((a) => a.kind)).toEqual(['crash_loop'])
  })
})
