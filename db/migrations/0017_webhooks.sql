-- Issue 20: admins register signed outbound webhooks (Standard Webhooks). Each business
-- event a registered endpoint wants becomes one message per endpoint, whose id is the
-- `webhook-id` every attempt and replay repeats; each attempt is logged with its outcome.

create table webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  url text not null,
  description text not null default '',
  event_types text[] not null,
  enabled boolean not null default true,
  -- 'whsec_…' as issued, or sealed with WEBHOOKS_SECRET_KEY ('sealed:…') when one is set
  secret text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_messages (
  id text primary key,
  endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
  event_source text not null,
  event_id text not null,
  event_type text not null,
  -- the body exactly as signed and sent, so a retry or replay sends the same bytes
  payload text not null,
  created_at timestamptz not null default now(),
  unique (endpoint_id, event_source, event_id)
);

create index webhook_messages_endpoint_created_idx
  on webhook_messages (endpoint_id, created_at desc);

create table webhook_attempts (
  id bigint generated always as identity primary key,
  message_id text not null references webhook_messages (id) on delete cascade,
  attempt integer not null,
  replay boolean not null default false,
  attempted_at timestamptz not null default now(),
  duration_ms integer not null,
  response_status integer,
  -- the start of the receiver's answer, capped: enough to see why it refused
  response_excerpt text,
  error text,
  succeeded boolean not null
);

create index webhook_attempts_message_idx on webhook_attempts (message_id, attempt);
