import { describe, expect, it } from 'vitest'
import { podAutoscaler, revision } from '../testing'
import { maxScaleOf, podAutoscalerAlerts } from './pod-autoscaler'

const options = { scaleStep: 3, maxScale: 10 }
const scaled = (actualScale: number, desiredScale = actualScale) =>
  podAutoscaler('track-shipment', { actualScale, desiredScale })
const kinds = (before: number, after: number) =>
  podAutoscalerAlerts(scaled(before), scaled(after), options).map((alert) => alert.kind)

describe('podAutoscalerAlerts', () => {
  it('tells when a function scales from zero and back to zero', () => {
    const [fromZero] = podAutoscalerAlerts(scaled(0), scaled(1), options)
    expect(fromZero).toMatchObject({
      subject: 'service/track-shipment',
      kind: 'scaled_from_zero',
      severity: 'info',
      summary: 'track-shipment scaled from zero to 1 pod',
      numbers: { desiredScale: 1, actualScale: 1, previousActualScale: 0, maxScale: 10 },
    })
    expect(kinds(2, 0)).toEqual(['scaled_to_zero'])
  })

  it('tells when the pod count crosses a multiple of the scale step, either way', () => {
    expect(kinds(1, 4)).toEqual(['scaled_up'])
    expect(kinds(2, 3)).toEqual(['scaled_up'])
    expect(kinds(7, 5)).toEqual(['scaled_down'])
    expect(kinds(1, 2)).toEqual([])
    expect(kinds(4, 5)).toEqual([])
  })

  it('says how to look closer at the function', () => {
    const [alert] = podAutoscalerAlerts(scaled(1), scaled(4), options)
    expect(alert!.summary).toBe('track-shipment scaled up from 1 to 4 pods')
    expect(alert!.commands).toEqual([
      'kubectl -n dropmate get podautoscaler track-shipment-00001',
      'kubectl -n dropmate get pods -l serving.knative.dev/service=track-shipment',
      'kubectl -n dropmate describe revision track-shipment-00001',
    ])
  })

  it('warns once when the autoscaler asks for max-scale, not on every change at the top', () => {
    const [alert] = podAutoscalerAlerts(scaled(4, 8), scaled(4, 10), options)
    expect(alert).toMatchObject({
      kind: 'max_scale_reached',
      severity: 'warning',
      numbers: { desiredScale: 10, actualScale: 4, maxScale: 10 },
    })
    expect(podAutoscalerAlerts(scaled(4, 10), scaled(5, 10), options)).toEqual([])
    expect(podAutoscalerAlerts(undefined, scaled(10, 10), options)[0]?.kind).toBe(
      'max_scale_reached',
    )
  })

  it('has no max-scale to reach when the function sets none', () => {
    const alerts = podAutoscalerAlerts(scaled(4, 8), scaled(4, 50), {
      ...options,
      maxScale: undefined,
    })
    expect(alerts).toEqual([])
  })

  it('says nothing of a function seen for the first time, or whose scale is not known yet', () => {
    expect(podAutoscalerAlerts(undefined, scaled(3), options)).toEqual([])
    const unknown = podAutoscaler('track-shipment', { desiredScale: -1 })
    expect(podAutoscalerAlerts(unknown, scaled(1), options)).toEqual([])
  })
})

describe('maxScaleOf', () => {
  it('reads the annotation from the PodAutoscaler, else from its Revision', () => {
    const withOwn = podAutoscaler('me', {}, { maxScale: 5 })
    expect(maxScaleOf(withOwn, revision('me', 'True', { maxScale: 9 }))).toBe(5)
    expect(maxScaleOf(podAutoscaler('me', {}), revision('me', 'True', { maxScale: 9 }))).toBe(9)
  })

  it('counts 0 and nonsense as no limit, as Knative does', () => {
    expect(maxScaleOf(podAutoscaler('me', {}, { maxScale: 0 }), undefined)).toBeUndefined()
    expect(maxScaleOf(podAutoscaler('me', {}), undefined)).toBeUndefined()
  })
})
