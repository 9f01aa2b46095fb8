-- GPS ping history, one partition per UTC day so retention drops whole tables instead of
-- deleting millions of rows. Rows outside every daily partition (a phone catching up on
-- old pings) land in the default partition; creating a day's partition moves them in.

create table driver_locations (
  id bigint generated always as identity,
  driver_id uuid not null references drivers (id) on delete cascade,
  -- device time of the fix; received_at is when it reached us (batches arrive late)
  recorded_at timestamptz not null,
  received_at timestamptz not null default now(),
  lat double precision not null,
  lng double precision not null,
  accuracy_m real,
  speed_mps real,
  heading_deg real,
  -- the CloudEvent this ping came in, so a redelivered event is stored once
  event_source text not null,
  event_id text not null,
  constraint driver_locations_pkey primary key (driver_id, recorded_at, id),
  constraint driver_locations_event_key unique (event_source, event_id, recorded_at),
  constraint driver_locations_position_check check (
    lat between -90 and 90 and lng between -180 and 180
  ),
  constraint driver_locations_accuracy_check check (accuracy_m >= 0),
  constraint driver_locations_speed_check check (speed_mps >= 0),
  constraint driver_locations_heading_check check (heading_deg >= 0 and heading_deg < 360)
) partition by range (recorded_at);

create table driver_locations_default partition of driver_locations default;

create function driver_locations_ensure_partitions(days_ahead integer default 7)
returns integer
language plpgsql as $$
declare
  today date := (now() at time zone 'UTC')::date;
  day date;
  partition_name text;
  created integer := 0;
begin
  for day in
    select generate_series(today - 1, today + days_ahead, interval '1 day')::date
  loop
    partition_name := format('driver_locations_p%s', to_char(day, 'YYYYMMDD'));
    continue when to_regclass(partition_name) is not null;

    -- Postgres refuses a new partition while the default holds rows in its range.
    create temp table moving_locations on commit drop as
      with moved as (
        delete from driver_locations_default
        where recorded_at >= (day::timestamp at time zone 'UTC')
          and recorded_at < ((day + 1)::timestamp at time zone 'UTC')
        returning *
      )
      select * from moved;

    execute format(
      'create table %I partition of driver_locations for values from (%L) to (%L)',
      partition_name,
      day::timestamp at time zone 'UTC',
      (day + 1)::timestamp at time zone 'UTC'
    );

    insert into driver_locations overriding system value select * from moving_locations;
    drop table moving_locations;
    created := created + 1;
  end loop;
  return created;
end
$$;

create function driver_locations_drop_older_than(keep interval)
returns integer
language plpgsql as $$
declare
  cutoff timestamptz := now() - keep;
  part record;
  dropped integer := 0;
begin
  for part in
    select c.relname
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'driver_locations'::regclass
      and c.relname ~ '^driver_locations_p[0-9]{8}$'
  loop
    -- a day's partition goes once its last instant is older than the cutoff
    if ((to_date(substr(part.relname, 19), 'YYYYMMDD') + 1)::timestamp at time zone 'UTC') <= cutoff then
      execute format('drop table %I', part.relname);
      dropped := dropped + 1;
    end if;
  end loop;
  delete from driver_locations_default where recorded_at < cutoff;
  return dropped;
end
$$;

select driver_locations_ensure_partitions(7);
