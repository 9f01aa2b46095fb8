import { describe, expect, it } from 'vitest'
import { revision } from '../testing'
import { revisionAlerts } from './revision'

const failed = revision('track-shipment', 'False', {
  reason: 'ProgressDeadlineExceeded',
  message: 'Initial scale was never achieved',
})

describe('revisionAlerts', () => {
  it('tells when a Revision turns Ready=False, with Knative’s reason', () => {
    const [alert] = revisionAlerts(revision('track-shipment', 'Unknown'), failed)
    expect(alert).toMatchObject({
      subject: 'revision/track-shipment-00001',
      kind: 'revision_failed',
      severity: 'critical',
      summary: 'track-shipment-00001 of track-shipment failed: Initial scale was never achieved',
      numbers: { service: 'track-shipment', reason: 'ProgressDeadlineExceeded' },
    })
    expect(alert!.commands).toContain('kubectl -n dropmate describe revision track-shipment-00001')
  })

  it('tells once per failure, and not of a Revision that is deploying or ready', () => {
    expect(revisionAlerts(failed, failed)).toEqual([])
    expect(revisionAlerts(undefined, revision('track-shipment', 'Unknown'))).toEqual([])
    expect(revisionAlerts(undefined, revision('track-shipment', 'True'))).toEqual([])
  })
})
