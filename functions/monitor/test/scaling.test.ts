import { AlertData } from '@dropmate/contracts/alert-event'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { podAutoscaler, revision } from '../src/testing'
import { BROKER_TOKEN, OPS, startScene, type Scene } from './scene'

let scene: Scene

afterEach(async () => {
  await scene?.close()
})

describe('the scaling monitor, as functions scale', () => {
  it('emails and publishes a scale-up with the pod counts and the commands to look closer', async () => {
    scene = await startScene({
      objects: [
        podAutoscaler('track-shipment', { desiredScale: 1, actualScale: 1 }, { maxScale: 10 }),
      ],
    })
    await scene.watching()
    scene.kube.apply(
      podAutoscaler('track-shipment', { desiredScale: 4, actualScale: 4 }, { maxScale: 10 }),
    )

    const [email] = await scene.emails(1)
    expect(email).toMatchObject({
      to: [OPS],
      from: 'alerts@dropmate.example',
      subject: '[DropMate] Info: track-shipment scaled up from 1 to 4 pods',
    })
    for (const part of [email!.text, email!.html]) {
      expect(part).toContain('service/track-shipment')
      expect(part).toContain('kubectl -n dropmate get podautoscaler track-shipment-00001')
      expect(part).toContain(
        'kubectl -n dropmate get pods -l serving.knative.dev/service=track-shipment',
      )
    }
    expect(email!.text).toContain('  desiredScale: 4\n  actualScale: 4\n  maxScale: 10')
    expect(email!.text).toContain('  previousActualScale: 1')

    const [delivery] = await scene.broker.waitFor(1)
    expect(delivery!.headers).toMatchObject({
      authorization: `Bearer ${BROKER_TOKEN}`,
      'ce-type': EVENT_TYPES.alert,
      'ce-source': '/dropmate/scaling-monitor',
      'ce-subject': 'service/track-shipment',
      'content-type': 'application/json',
    })
    expect(AlertData.parse(delivery!.event.data)).toEqual({
      kind: 'scaled_up',
      severity: 'info',
      summary: 'track-shipment scaled up from 1 to 4 pods',
      numbers: { desiredScale: 4, actualScale: 4, maxScale: 10, previousActualScale: 1 },
      followUp: false,
      occurrences: 1,
      periodSeconds: 0,
    })
  })

  it('tells when a function scales to zero and when it comes back', async () => {
    scene = await startScene({
      objects: [podAutoscaler('list-shipments', { desiredScale: 2, actualScale: 2 })],
    })
    await scene.watching()
    scene.kube.apply(podAutoscaler('list-shipments', { desiredScale: 0, actualScale: 0 }))
    await scene.emails(1)
    scene.kube.apply(podAutoscaler('list-shipments', { desiredScale: 1, actualScale: 1 }))

    const emails = await scene.emails(2)
    expect(emails.map((email) => email.subject)).toEqual([
      '[DropMate] Info: list-shipments scaled to zero from 2 pods',
      '[DropMate] Info: list-shipments scaled from zero to 1 pod',
    ])
    const events = await scene.broker.waitFor(2)
    expect(events.map(({ event }) => event.data)).toMatchObject([
      { kind: 'scaled_to_zero' },
      { kind: 'scaled_from_zero' },
    ])
  })

  it("warns when the autoscaler asks for the Revision's max-scale", async () => {
    scene = await startScene({
      objects: [
        revision('ingest-locations', 'True', { maxScale: 5 }),
        podAutoscaler('ingest-locations', { desiredScale: 3, actualScale: 3 }),
      ],
    })
    await scene.watching()
    scene.kube.apply(podAutoscaler('ingest-locations', { desiredScale: 5, actualScale: 3 }))

    const [email] = await scene.emails(1)
    expect(email!.subject).toBe(
      '[DropMate] Warning: ingest-locations reached its max-scale of 5 pods: more requests now queue',
    )
    expect(email!.text).toContain('  desiredScale: 5\n  actualScale: 3\n  maxScale: 5')
    expect(email!.html).toMatch(/<th[^>]*>maxScale<\/th>\s*<td>5<\/td>/)
  })

  it('leaves a function that scales within its step alone', async () => {
    scene = await startScene({
      objects: [
        podAutoscaler('me', { desiredScale: 1, actualScale: 1 }),
        podAutoscaler('login', { desiredScale: 1, actualScale: 1 }),
      ],
    })
    await scene.watching()
    scene.kube.apply(podAutoscaler('me', { desiredScale: 2, actualScale: 2 }))
    // Changes reach the monitor in order: once login's alert is in, me's change was judged.
    scene.kube.apply(podAutoscaler('login', { desiredScale: 0, actualScale: 0 }))

    const emails = await scene.emails(1)
    await vi.waitFor(() => expect(scene.broker.received).toHaveLength(1))
    expect(emails.map((email) => email.subject)).toEqual([
      '[DropMate] Info: login scaled to zero from 1 pod',
    ])
  })
})
