-- Issue 19: operations analytics. Two things the reports need that the schema did not keep:
-- every duty change (drivers.duty_status holds only the latest), and one row per delivery
-- attempt's outcome, rolled up from the timeline as it is written, so a year of reports
-- reads one narrow table instead of walking every shipment's events.

-- Duty history, from this migration on: hours on duty are the spans between a change to
-- available or busy and the next change to offline.
create table driver_duty_changes (
  id bigint generated always as identity primary key,
  driver_id uuid not null references drivers (id) on delete cascade,
  duty_status text not null,
  changed_at timestamptz not null,
  constraint driver_duty_changes_status_check check (duty_status in ('offline', 'available', 'busy'))
);

create index driver_duty_changes_driver_idx on driver_duty_changes (driver_id, changed_at, id);
create index driver_duty_changes_changed_idx on driver_duty_changes (changed_at);

create function record_duty_change() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.duty_status is distinct from old.duty_status then
    insert into driver_duty_changes (driver_id, duty_status, changed_at)
    -- a writer that changes the status without restarting duty_changed_at means "now"
    values (
      new.id,
      new.duty_status,
      case
        when tg_op = 'UPDATE' and new.duty_changed_at is not distinct from old.duty_changed_at then now()
        else new.duty_changed_at
      end
    );
  end if;
  return null;
end
$$;

create trigger drivers_record_duty_change after insert or update of duty_status on drivers
  for each row execute function record_duty_change();

-- What is known so far: each driver's current status, since it was set.
insert into driver_duty_changes (driver_id, duty_status, changed_at)
select id, duty_status, duty_changed_at
from drivers;

-- One row per delivered or failed attempt. A failure's reason is free text; reason_key is
-- that text with case, punctuation and spacing folded, so "Nobody home." and "nobody home"
-- count as one reason.
-- Only the shipment is a foreign key: its events go with it, and a driver with shipments
-- cannot be deleted; checking the event and the driver too tripled a bulk insert's time.
create table delivery_outcomes (
  event_id bigint primary key,
  shipment_id uuid not null references shipments (id) on delete cascade,
  driver_id uuid,
  outcome text not null,
  occurred_at timestamptz not null,
  -- the shipment's first pickup: later attempts after a failure carry on from it
  picked_up_at timestamptz,
  window_from timestamptz,
  window_to timestamptz,
  earlier_failures integer not null,
  reason text,
  reason_key text,
  constraint delivery_outcomes_outcome_check check (outcome in ('delivered', 'failed'))
);

create index delivery_outcomes_occurred_idx on delivery_outcomes (occurred_at);
create index delivery_outcomes_driver_idx on delivery_outcomes (driver_id, occurred_at);

-- Set-based, so a bulk insert (an import, a seeded year) rolls up in one statement: the
-- outcomes among the timeline events with ids first_id to last_id, each read against its
-- shipment's whole timeline.
create function record_delivery_outcomes(first_id bigint, last_id bigint) returns void
language sql as $$
  with touched as (
    select distinct shipment_id
    from shipment_events
    where id between first_id and last_id
      and type = 'status_changed'
      and to_status in ('delivered', 'failed')
  ),
  timeline as (
    select
      e.id,
      e.shipment_id,
      e.to_status,
      e.occurred_at,
      e.note,
      min(e.occurred_at) filter (where e.to_status = 'picked_up') over shipment as picked_up_at,
      count(*) filter (where e.to_status = 'failed') over earlier as earlier_failures
    from shipment_events e
    where e.shipment_id in (select shipment_id from touched)
      and e.type = 'status_changed'
    window
      shipment as (partition by e.shipment_id),
      earlier as (
        partition by e.shipment_id
        order by e.occurred_at, e.id
        rows between unbounded preceding and 1 preceding
      )
  )
  insert into delivery_outcomes (
    event_id,
    shipment_id,
    driver_id,
    outcome,
    occurred_at,
    picked_up_at,
    window_from,
    window_to,
    earlier_failures,
    reason,
    reason_key
  )
  select
    t.id,
    t.shipment_id,
    s.driver_id,
    t.to_status,
    t.occurred_at,
    t.picked_up_at,
    s.delivery_window_from,
    s.delivery_window_to,
    t.earlier_failures,
    case when t.to_status = 'failed' then nullif(btrim(t.note), '') end,
    case when t.to_status = 'failed' then
      nullif(btrim(lower(regexp_replace(t.note, '[[:punct:][:space:]]+', ' ', 'g'))), '')
    end
  from timeline t
  join shipments s on s.id = t.shipment_id
  where t.id between first_id and last_id
    and t.to_status in ('delivered', 'failed')
  on conflict (event_id) do nothing
$$;

create function record_delivery_outcomes_of_statement() returns trigger
language plpgsql as $$
begin
  perform record_delivery_outcomes(min(id), max(id)) from new_events;
  return null;
end
$$;

create trigger shipment_events_record_delivery_outcomes after insert on shipment_events
  referencing new table as new_events
  for each statement execute function record_delivery_outcomes_of_statement();

-- The timeline so far, rolled up once.
select record_delivery_outcomes(min(id), max(id))
from shipment_events;
