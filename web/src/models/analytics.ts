import type { Driver } from '@dropmate/contracts/rest'
import type { AnalyticsAnswer } from '@dropmate/contracts/rest/analytics'
import { ANALYTICS_REPORTS, type AnalyticsReport } from '@dropmate/contracts/rest/analytics-reports'
import { signal } from '@preact/signals'
import { messageOf } from '../api/http'
import { authed } from './session'

export interface AnalyticsFilters {
  /** First and last day covered, YYYY-MM-DD on the shop's clock. */
  from: string
  to: string
  /** One driver's id, or '' for all. */
  driverId: string
}

const queryOf = ({ from, to, driverId }: AnalyticsFilters) => {
  const params = new URLSearchParams({ from, to })
  if (driverId) params.set('driverId', driverId)
  return params.toString()
}

/** Where one report's CSV for `filters` downloads from. */
export const csvPath = (report: AnalyticsReport, filters: AnalyticsFilters) =>
  `/api/analytics/${report}.csv?${queryOf(filters)}`

type Answers = { [R in AnalyticsReport]: AnalyticsAnswer<R> }

export type Analytics = ReturnType<typeof createAnalytics>

/**
 * The analytics page's state: the range and driver asked for, and the four reports for them,
 * read together; answers to an older question are dropped.
 */
export function createAnalytics(initial: AnalyticsFilters) {
  const filters = signal(initial)
  const answers = signal<Answers | null>(null)
  const drivers = signal<Driver[]>([])
  const loading = signal(false)
  const error = signal<string | null>(null)
  let generation = 0

  const load = async () => {
    const mine = ++generation
    loading.value = true
    error.value = null
    const query = queryOf(filters.peek())
    try {
      const read = await Promise.all(
        ANALYTICS_REPORTS.map((report) => authed(`/api/analytics/${report}?${query}`)),
      )
      if (mine !== generation) return
      answers.value = Object.fromEntries(
        ANALYTICS_REPORTS.map((report, i) => [report, read[i]]),
      ) as Answers
    } catch (failure) {
      if (mine === generation) error.value = messageOf(failure)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const loadDrivers = async () => {
    drivers.value = (await authed<{ items: Driver[] }>('/api/drivers')).items
  }

  return { filters, answers, drivers, loading, error, load, loadDrivers }
}
