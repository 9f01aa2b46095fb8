-- Issue 19: admins list and search accounts, change them, and read who changed what.

-- Search by a fragment of a name, an email or a phone number, as the shipments list does.
create index users_name_trgm_idx on users using gin (name gin_trgm_ops);
create index users_email_trgm_idx on users using gin (email gin_trgm_ops);
create index users_phone_trgm_idx on users using gin (phone gin_trgm_ops);
-- The admin list's order, resumed by keyset.
create index users_name_order_idx on users (lower(name), id);

-- Every change an admin makes to an account, written in the change's own transaction.
-- `changes` holds the changed fields before and after; never a password or its hash.
create table audit_events (
  id uuid primary key default gen_random_uuid(),
  at timestamptz not null default now(),
  -- kept when the actor's account is deleted: the trail outlives who made it
  actor_id uuid references users (id) on delete set null,
  action text not null,
  target_id uuid not null,
  changes jsonb not null default '{}',
  constraint audit_events_action_check check (
    action in ('user.created', 'user.role_changed', 'user.disabled', 'user.enabled', 'user.password_reset', 'driver.created', 'driver.changed')
  )
);

create index audit_events_at_idx on audit_events (at desc, id desc);
create index audit_events_target_idx on audit_events (target_id, at desc, id desc);
create index audit_events_actor_idx on audit_events (actor_id, at desc, id desc);
