import { describe, expect, it } from 'vitest'
import { planShipments, SHIPMENT_COUNT } from './plan-shipments'

const now = new Date('2025-06-12T15:30:00Z')

describe('planShipments', () => {
  it('lays out the same shipments every run, relative to now', () => {
    const later = new Date(now.getTime() + 60_000)
    const shifted = planShipments(later).map((plan) => ({
      ...plan,
      createdAt: new Date(plan.createdAt.getTime() - 60_000),
      steps: plan.steps.map((step) => ({ ...step, at: new Date(step.at.getTime() - 60_000) })),
    }))
    expect(shifted).toEqual(planShipments(now))
  })

  it('numbers references DEMO-0001 to DEMO-0100 in the order shipments were created', () => {
    const plans = planShipments(now)
    expect(plans).toHaveLength(SHIPMENT_COUNT)
    expect(plans[0]!.reference).toBe('DEMO-0001')
    expect(plans.at(-1)!.reference).toBe('DEMO-0100')
    const created = plans.map((plan) => plan.createdAt.getTime())
    expect(created).toEqual([...created].sort((a, b) => a - b))
  })

  it('keeps every step after the one before it and none after now', () => {
    for (const plan of planShipments(now)) {
      const times = [plan.createdAt, ...plan.steps.map((step) => step.at)].map((at) => at.getTime())
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime())
    }
  })

  it('sends some parcels out again after a failed attempt', () => {
    const retried = planShipments(now).filter(
      (plan) => plan.steps.filter((step) => step.to === 'in_transit').length === 2,
    )
    expect(retried.length).toBeGreaterThan(0)
    expect(retried.every((plan) => plan.steps.at(-1)!.to === 'delivered')).toBe(true)
  })
})
