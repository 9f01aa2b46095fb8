import type { Sql } from '@dropmate/db'

export interface HistoryShape {
  days: number
  shipmentsPerDay: number
  drivers: number
}

// Failure reasons as drivers type them: the same reason in several spellings.
const REASONS = [
  'Nobody home',
  'nobody home.',
  'Address not found',
  'Customer refused',
  'Access code missing',
  'Damaged parcel',
]

/**
 * A shop's history, written in bulk with generate_series: `drivers` drivers on duty about
 * nine hours a day, and `shipmentsPerDay` shipments a day for `days` days up to yesterday,
 * each through pickup to delivered, with a window on 70 %, a failed first attempt on 8 %
 * (of which 70 % delivered later). The timeline is inserted as the API writes it, so
 * migration 0015's trigger fills the rollup row by row as it would have. Deterministic:
 * the same shape gives the same history.
 */
export async function seedHistory(sql: Sql, shape: HistoryShape): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select setseed(0.19)`
    await tx`
      insert into users (email, name, role)
      select 'bench.driver.' || n || '@estrela.example', 'Bench driver ' || n, 'driver'
      from generate_series(1, ${shape.drivers}) as n
    `
    await tx`
      insert into drivers (user_id, vehicle_type)
      select id, 'bicycle' from users where email like 'bench.driver.%'
    `
    await tx`
      create temporary table bench_drivers on commit drop as
      select row_number() over (order by d.id) as n, d.id
      from drivers d join users u on u.id = d.user_id
      where u.email like 'bench.driver.%'
    `
    // Duty: on at 07:30–08:30, off nine hours later, every day.
    await tx`
      insert into driver_duty_changes (driver_id, duty_status, changed_at)
      select d.id, c.status, day + c.at + random() * interval '1 hour'
      from bench_drivers d,
        generate_series(
          (current_date - ${shape.days}::int)::timestamptz,
          (current_date - 1)::timestamptz,
          interval '1 day'
        ) as day,
        (values ('available', interval '7 hours 30 minutes'), ('offline', interval '16 hours 30 minutes'))
          as c (status, at)
      order by 3
    `
    await tx`
      create temporary table bench_plan on commit drop as
      select
        gen_random_uuid() as id,
        n,
        (select id from bench_drivers where bench_drivers.n = 1 + s.n % ${shape.drivers}::int) as driver_id,
        created,
        created + interval '10 minutes' + random() * interval '30 minutes' as picked_up,
        random() < 0.7 as windowed,
        random() < 0.08 as failed_first,
        random() < 0.7 as delivered_later,
        ${REASONS}::text[] as reasons,
        floor(random() * ${REASONS.length})::int + 1 as reason,
        interval '15 minutes' + random() * interval '75 minutes' as run
      from (
        select
          n,
          (current_date - ${shape.days}::int)::timestamptz
            + (n / ${shape.shipmentsPerDay}::int) * interval '1 day'
            + interval '7 hours' + random() * interval '11 hours' as created
        from generate_series(0, ${shape.days * shape.shipmentsPerDay - 1}) as n
      ) as s
    `
    await tx`
      insert into shipments (
        id, tracking_number, status, driver_id,
        sender_name, sender_address, sender_lat, sender_lng,
        receiver_name, receiver_address, receiver_lat, receiver_lng,
        delivery_window_from, delivery_window_to,
        created_at, assigned_at, picked_up_at
      )
      select
        id, 'DM' || lpad(n::text, 12, '0'),
        case when failed_first and not delivered_later then 'failed' else 'delivered' end,
        driver_id,
        'Padaria Estrela', 'Rua da Estrela 12, Lisboa', 38.7135, -9.1605,
        'Receiver ' || n, 'Rua ' || n || ', Lisboa', 38.7118, -9.1306,
        case when windowed then date_trunc('hour', created) + interval '1 hour' end,
        case when windowed then date_trunc('hour', created) + interval '3 hours' end,
        created, created, picked_up
      from bench_plan
    `
    await tx`
      insert into shipment_events (shipment_id, type, from_status, to_status, note, occurred_at)
      select shipment_id, type, from_status, to_status, note, at
      from (
        select id as shipment_id, 'created' as type, null as from_status, 'pending' as to_status,
          null as note, created as at
        from bench_plan
        union all
        select id, 'assigned', 'pending', 'assigned', null, created from bench_plan
        union all
        select id, 'status_changed', 'assigned', 'picked_up', null, picked_up from bench_plan
        union all
        select id, 'status_changed', 'picked_up', 'in_transit', null, picked_up + interval '5 minutes'
        from bench_plan
        union all
        select id, 'status_changed', 'in_transit', 'failed', reasons[reason], picked_up + run
        from bench_plan where failed_first
        union all
        select id, 'status_changed', 'failed', 'in_transit', null, picked_up + run + interval '30 minutes'
        from bench_plan where failed_first and delivered_later
        union all
        select id, 'status_changed', 'in_transit', 'delivered', null,
          picked_up + run + case when failed_first then interval '1 hour' else interval '0' end
        from bench_plan where not failed_first or delivered_later
      ) as e
      order by at
    `
  })
  await sql`analyze`
}
