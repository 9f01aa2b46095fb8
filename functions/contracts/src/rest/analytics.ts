import { z } from 'zod'
import { Id } from '../fields'

import type { AnalyticsReport } from './analytics-reports'

export * from './analytics-reports'

const Rate = z.number().min(0).max(1).nullable()

/** Delivered shipments in the range: on-time, pickup-to-delivery times, first attempts. */
export const DeliverySummaryRow = z
  .object({
    delivered: z.number().int(),
    withWindow: z.number().int().meta({ description: 'Delivered with a promised window' }),
    withoutWindow: z.number().int().meta({ description: 'Delivered with no window: not rated' }),
    onTime: z.number().int().meta({ description: 'Delivered within the window, ends included' }),
    early: z.number().int(),
    late: z.number().int(),
    onTimeRate: Rate.meta({ description: 'onTime / withWindow; null without windows' }),
    timed: z.number().int().meta({ description: 'Deliveries with a pickup on the timeline' }),
    averageMinutes: z.number().nullable().meta({ description: 'Mean pickup → delivered' }),
    p90Minutes: z.number().nullable().meta({ description: '90th percentile, interpolated' }),
    firstAttempt: z.number().int().meta({ description: 'Delivered with no failed attempt before' }),
    firstAttemptRate: Rate,
  })
  .meta({ id: 'DeliverySummaryRow' })
export type DeliverySummaryRow = z.infer<typeof DeliverySummaryRow>

/** Failed attempts per reason; reasons that differ only in case, spacing or punctuation are one. */
export const FailureReasonRow = z
  .object({
    reason: z.string().meta({ description: 'The reason as drivers most often wrote it' }),
    failures: z.number().int(),
    share: z.number().min(0).max(1),
  })
  .meta({ id: 'FailureReasonRow' })
export type FailureReasonRow = z.infer<typeof FailureReasonRow>

/** A driver's deliveries against their hours on duty (available or busy) in the range. */
export const DriverProductivityRow = z
  .object({
    driverId: Id,
    driverName: z.string(),
    deliveries: z.number().int(),
    hoursOnDuty: z.number(),
    deliveriesPerHour: z.number().nullable().meta({ description: 'null with no hours on duty' }),
  })
  .meta({ id: 'DriverProductivityRow' })
export type DriverProductivityRow = z.infer<typeof DriverProductivityRow>

/** Delivered and failed attempts in one hour of one weekday on the shop's clock. */
export const VolumeRow = z
  .object({
    weekday: z.number().int().min(1).max(7).meta({ description: 'ISO: 1 Monday … 7 Sunday' }),
    hour: z.number().int().min(0).max(23),
    deliveries: z.number().int(),
    failures: z.number().int(),
  })
  .meta({ id: 'VolumeRow' })
export type VolumeRow = z.infer<typeof VolumeRow>

/** What every report answers: its rows, and the range and filter they cover. */
export function analyticsAnswer<T extends z.ZodType>(row: T) {
  return z.object({
    from: z.iso.date(),
    to: z.iso.date(),
    timeZone: z.string(),
    driverId: Id.nullable(),
    rows: z.array(row),
  })
}

export interface AnalyticsAnswers {
  summary: DeliverySummaryRow
  failures: FailureReasonRow
  drivers: DriverProductivityRow
  volume: VolumeRow
}

export interface AnalyticsAnswer<R extends AnalyticsReport> {
  from: string
  to: string
  timeZone: string
  driverId: string | null
  rows: AnalyticsAnswers[R][]
}
