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
create table delivery_outcomes (
  event_id bigint primary key references shipment_events (id) on delete cascade,
  shipment_id uuid not null references shipments (id) on delete cascade,
  driver_id uuid references drivers (id) on delete set null,
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

create function record_delivery_outcome(event bigint) returns void
language sql as $$
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
    e.id,
    e.shipment_id,
    s.driver_id,
    e.to_status,
    e.occurred_at,
    (
      select min(p.occurred_at)
      from shipment_events p
      where p.shipment_id = e.shipment_id
        and p.type = 'status_changed'
        and p.to_status = 'picked_up'
    ),
    s.delivery_window_from,
    s.delivery_window_to,
    (
      select count(*)
      from shipment_events f
      where f.shipment_id = e.shipment_id
        and f.type = 'status_changed'
        and f.to_status = 'failed'
        and (f.occurred_at, f.id) < (e.occurred_at, e.id)
    ),
    case when e.to_status = 'failed' then nullif(btrim(e.note), '') end,
    case when e.to_status = 'failed' then
      nullif(btrim(lower(regexp_replace(e.note, '[[:punct:][:space:]]+', ' ', 'g'))), '')
    end
  from shipment_events e
  join shipments s on s.id = e.shipment_id
  where e.id = event
    and e.type = 'status_changed'
    and e.to_status in ('delivered', 'failed')
  on conflict (event_id) do nothing
$$;

create function record_delivery_outcome_of_event() returns trigger
language plpgsql as $$
begin
  perform record_delivery_outcome(new.id);
  return null;
end
$$;

create trigger shipment_events_record_delivery_outcome after insert on shipment_events
  for each row
  when (new.type = 'status_changed' and new.to_status in ('delivered', 'failed'))
  execute function record_delivery_outcome_of_event();

-- The timeline so far, rolled up once.
select record_delivery_outcome(id)
from shipment_events
where type = 'status_changed'
  and to_status in ('delivered', 'failed')
order by id;
