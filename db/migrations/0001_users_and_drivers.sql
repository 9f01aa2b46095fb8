-- People and the drivers among them. Roles live here in both auth modes: Firebase only
-- proves who someone is, never what they may do.

create function set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  phone text,
  role text not null,
  -- scrypt hash (local auth); null for accounts that only sign in through Firebase
  password_hash text,
  firebase_uid text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_role_check check (role in ('admin', 'dispatcher', 'driver', 'customer')),
  constraint users_email_check check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  constraint users_name_check check (length(btrim(name)) > 0),
  constraint users_firebase_uid_key unique (firebase_uid)
);

-- People type their email in any case; one account per address whatever the case.
create unique index users_email_key on users (lower(email));
create index users_role_idx on users (role, created_at);

create trigger users_set_updated_at before update on users
  for each row execute function set_updated_at();

create table drivers (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  vehicle_type text not null default 'car',
  vehicle_plate text,
  duty_status text not null default 'offline',
  duty_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint drivers_user_id_key unique (user_id),
  constraint drivers_vehicle_type_check check (
    vehicle_type in ('on_foot', 'bicycle', 'cargo_bike', 'scooter', 'motorcycle', 'car', 'van')
  ),
  constraint drivers_duty_status_check check (duty_status in ('offline', 'available', 'busy'))
);

create index drivers_duty_status_idx on drivers (duty_status);

create trigger drivers_set_updated_at before update on drivers
  for each row execute function set_updated_at();
