-- Shipments and their timeline. The status check mirrors the status machine in
-- @dropmate/core; the machine decides who may move what, the table refuses nonsense
-- whatever writes to it.

create extension if not exists pg_trgm;

create table shipments (
  id uuid primary key default gen_random_uuid(),
  -- random Crockford base32 (see @dropmate/core tracking-number.ts), never sequential
  tracking_number text not null,
  -- the shop's own order number, if it has one
  reference text,
  status text not null default 'pending',

  sender_name text not null,
  sender_phone text,
  sender_email text,
  sender_address text not null,
  sender_lat double precision not null,
  sender_lng double precision not null,

  receiver_name text not null,
  receiver_phone text,
  receiver_email text,
  receiver_address text not null,
  receiver_lat double precision not null,
  receiver_lng double precision not null,

  package_weight_kg numeric(8, 3),
  package_description text,
  package_details jsonb not null default '{}',

  customer_id uuid references users (id) on delete set null,
  -- restrict: a driver who carried parcels stays on record while their history does
  driver_id uuid references drivers (id) on delete restrict,
  created_by uuid references users (id) on delete set null,

  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  assigned_at timestamptz,
  picked_up_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  cancellation_reason text,
  -- optimistic concurrency: bumped by trigger on every update
  version integer not null default 1,

  constraint shipments_tracking_number_key unique (tracking_number),
  constraint shipments_tracking_number_check check (tracking_number ~ '^DM[0-9A-HJKMNP-TV-Z]{12}$'),
  constraint shipments_status_check check (
    status in ('pending', 'assigned', 'picked_up', 'in_transit', 'delivered', 'failed', 'cancelled')
  ),
  constraint shipments_sender_position_check check (
    sender_lat between -90 and 90 and sender_lng between -180 and 180
  ),
  constraint shipments_receiver_position_check check (
    receiver_lat between -90 and 90 and receiver_lng between -180 and 180
  ),
  constraint shipments_weight_check check (package_weight_kg > 0),
  -- a parcel past pending is always in someone's hands; a pending one in no one's
  constraint shipments_driver_check check (
    case status
      when 'pending' then driver_id is null
      when 'cancelled' then true
      else driver_id is not null
    end
  ),
  constraint shipments_cancelled_check check ((status = 'cancelled') = (cancelled_at is not null))
);

create unique index shipments_reference_key on shipments (reference) where reference is not null;

-- Cursor pagination walks (created_at, id) newest first, alone or within a filter.
create index shipments_created_idx on shipments (created_at desc, id desc);
create index shipments_status_created_idx on shipments (status, created_at desc, id desc);
create index shipments_driver_created_idx on shipments (driver_id, status, created_at desc, id desc)
  where driver_id is not null;
create index shipments_customer_created_idx on shipments (customer_id, created_at desc, id desc)
  where customer_id is not null;

-- Dispatchers search by a fragment of a tracking number or a receiver's name.
create index shipments_tracking_number_trgm_idx on shipments using gin (tracking_number gin_trgm_ops);
create index shipments_receiver_name_trgm_idx on shipments using gin (receiver_name gin_trgm_ops);

create function bump_shipment_version() returns trigger
language plpgsql as $$
begin
  new.version := old.version + 1;
  new.updated_at := now();
  return new;
end
$$;

create trigger shipments_bump_version before update on shipments
  for each row execute function bump_shipment_version();

create table shipment_events (
  id bigint generated always as identity primary key,
  shipment_id uuid not null references shipments (id) on delete cascade,
  type text not null,
  from_status text,
  to_status text,
  actor_user_id uuid references users (id) on delete set null,
  actor_role text,
  lat double precision,
  lng double precision,
  note text,
  metadata jsonb not null default '{}',
  occurred_at timestamptz not null default now(),
  constraint shipment_events_type_check check (
    type in ('created', 'assigned', 'unassigned', 'status_changed', 'note', 'arrived_nearby')
  ),
  constraint shipment_events_from_status_check check (
    from_status in ('pending', 'assigned', 'picked_up', 'in_transit', 'delivered', 'failed', 'cancelled')
  ),
  constraint shipment_events_to_status_check check (
    to_status in ('pending', 'assigned', 'picked_up', 'in_transit', 'delivered', 'failed', 'cancelled')
  ),
  constraint shipment_events_status_change_check check (
    type <> 'status_changed' or (from_status is not null and to_status is not null)
  ),
  constraint shipment_events_actor_role_check check (
    actor_role in ('admin', 'dispatcher', 'driver', 'customer', 'system')
  ),
  constraint shipment_events_position_check check (
    (lat is null) = (lng is null) and (lat is null or (lat between -90 and 90 and lng between -180 and 180))
  )
);

create index shipment_events_timeline_idx on shipment_events (shipment_id, occurred_at, id);
