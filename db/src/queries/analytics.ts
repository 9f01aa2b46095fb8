import type { Queryable } from '../client'

/** What every report covers: instants from (inclusive) to (exclusive), one driver or all. */
export interface AnalyticsScope {
  from: Date
  to: Date
  driverId?: string
}

export interface DeliverySummary {
  delivered: number
  /** Delivered shipments that had a promised window; on-time is counted among these only. */
  withWindow: number
  withoutWindow: number
  onTime: number
  early: number
  late: number
  /** Deliveries whose pickup is on the timeline, the base of the two times below. */
  timed: number
  averageMinutes: number | null
  p90Minutes: number | null
  /** Delivered without a failed attempt before. */
  firstAttempt: number
}

export interface FailureReason {
  /** The reason as drivers most often wrote it. */
  reason: string
  failures: number
}

export interface DriverProductivity {
  driverId: string
  driverName: string
  deliveries: number
  hoursOnDuty: number
}

export interface VolumeCell {
  /** ISO weekday on the shop's clock: 1 is Monday, 7 Sunday. */
  weekday: number
  hour: number
  deliveries: number
  failures: number
}

function outcomesWithin(sql: Queryable, scope: AnalyticsScope) {
  return sql`
    o.occurred_at >= ${scope.from}
    and o.occurred_at < ${scope.to}
    ${scope.driverId ? sql`and o.driver_id = ${scope.driverId}` : sql``}
  `
}

/** On-time against the promised window, pickup-to-delivery times and first-attempt success. */
export async function summariseDeliveries(
  sql: Queryable,
  scope: AnalyticsScope,
): Promise<DeliverySummary> {
  const [summary] = await sql<DeliverySummary[]>`
    select
      count(*)::int as delivered,
      count(*) filter (where o.window_to is not null)::int as with_window,
      count(*) filter (where o.window_to is null)::int as without_window,
      count(*) filter (
        where o.occurred_at >= o.window_from and o.occurred_at <= o.window_to
      )::int as on_time,
      count(*) filter (where o.occurred_at < o.window_from)::int as early,
      count(*) filter (where o.occurred_at > o.window_to)::int as late,
      count(o.picked_up_at)::int as timed,
      -- date_part is float8; extract would be numeric, which sorts a year's rows far slower
      avg(date_part('epoch', o.occurred_at - o.picked_up_at)) / 60 as average_minutes,
      percentile_cont(0.9) within group (order by date_part('epoch', o.occurred_at - o.picked_up_at))
        / 60 as p90_minutes,
      count(*) filter (where o.earlier_failures = 0)::int as first_attempt
    from delivery_outcomes o
    where o.outcome = 'delivered'
      and ${outcomesWithin(sql, scope)}
  `
  return summary!
}

/** Failed attempts by reason, the most frequent first. */
export async function countFailureReasons(
  sql: Queryable,
  scope: AnalyticsScope,
): Promise<FailureReason[]> {
  return sql<FailureReason[]>`
    select
      coalesce(mode() within group (order by o.reason), '(no reason given)') as reason,
      count(*)::int as failures
    from delivery_outcomes o
    where o.outcome = 'failed'
      and ${outcomesWithin(sql, scope)}
    group by o.reason_key
    order by failures desc, reason
  `
}

/**
 * Deliveries and hours on duty per driver. A driver is on duty from a change to available
 * or busy until the next change to offline; a span open at the end of the range counts up
 * to its end, or to now.
 */
export async function measureDriverProductivity(
  sql: Queryable,
  scope: AnalyticsScope,
): Promise<DriverProductivity[]> {
  const ends = sql`least(${scope.to}::timestamptz, now())`
  return sql<DriverProductivity[]>`
    with changes as (
      select c.id, c.driver_id, c.duty_status, c.changed_at
      from driver_duty_changes c
      where c.changed_at >= ${scope.from}
        and c.changed_at < ${scope.to}
        ${scope.driverId ? sql`and c.driver_id = ${scope.driverId}` : sql``}
      union all
      -- what each driver was doing as the range began
      select before.*
      from drivers d
      cross join lateral (
        select c.id, c.driver_id, c.duty_status, c.changed_at
        from driver_duty_changes c
        where c.driver_id = d.id
          and c.changed_at < ${scope.from}
        order by c.changed_at desc, c.id desc
        limit 1
      ) as before
      ${scope.driverId ? sql`where d.id = ${scope.driverId}` : sql``}
    ),
    spans as (
      select
        driver_id,
        duty_status,
        changed_at as starts,
        coalesce(
          lead(changed_at) over (partition by driver_id order by changed_at, id),
          ${ends}
        ) as ends
      from changes
    ),
    duty as (
      select
        driver_id,
        sum(extract(epoch from least(ends, ${ends}) - greatest(starts, ${scope.from}))) / 3600
          as hours
      from spans
      where duty_status <> 'offline'
        and ends > ${scope.from}
      group by driver_id
    ),
    delivered as (
      select o.driver_id, count(*)::int as deliveries
      from delivery_outcomes o
      where o.outcome = 'delivered'
        and ${outcomesWithin(sql, scope)}
      group by o.driver_id
    )
    select
      d.id as driver_id,
      u.name as driver_name,
      coalesce(delivered.deliveries, 0) as deliveries,
      coalesce(duty.hours, 0)::float8 as hours_on_duty
    from drivers d
    join users u on u.id = d.user_id
    left join duty on duty.driver_id = d.id
    left join delivered on delivered.driver_id = d.id
    where duty.hours > 0 or delivered.deliveries > 0
    order by deliveries desc, driver_name, d.id
  `
}

/** Delivered and failed attempts by weekday and hour on the shop's clock; empty cells left out. */
export async function countVolumeByHour(
  sql: Queryable,
  scope: AnalyticsScope,
  timeZone: string,
): Promise<VolumeCell[]> {
  // Counted in quarter hours first, then each quarter read on the shop's clock: every zone's
  // offset is whole quarter hours, and a year is 35,000 quarters against 100,000s of rows.
  return sql<VolumeCell[]>`
    with quarters as (
      select
        date_bin('15 minutes', o.occurred_at, timestamptz '2000-01-01 00:00Z') as quarter,
        count(*) filter (where o.outcome = 'delivered') as deliveries,
        count(*) filter (where o.outcome = 'failed') as failures
      from delivery_outcomes o
      where ${outcomesWithin(sql, scope)}
      group by 1
    ),
    local as (
      select quarter at time zone ${timeZone} as at, deliveries, failures
      from quarters
    )
    select
      extract(isodow from at)::int as weekday,
      extract(hour from at)::int as hour,
      sum(deliveries)::int as deliveries,
      sum(failures)::int as failures
    from local
    group by 1, 2
    order by 1, 2
  `
}
