-- The transactional outbox: a change and the CloudEvent announcing it commit together, and
-- the relay publishes afterwards, so a broker outage delays events but never loses them.

create table outbox (
  -- becomes the CloudEvent id
  id uuid primary key default gen_random_uuid(),
  -- publication order, which follows commit order closely enough for per-subject ordering
  seq bigint generated always as identity,
  type text not null,
  source text not null,
  subject text,
  data jsonb not null,
  -- further CloudEvent attributes, e.g. traceparent
  extensions jsonb not null default '{}',
  created_at timestamptz not null default now(),
  published_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  constraint outbox_seq_key unique (seq),
  constraint outbox_type_check check (type ~ '^com\.dropmate\.[a-z_.]+\.v[0-9]+$')
);

create index outbox_unpublished_idx on outbox (next_attempt_at, seq) where published_at is null;
create index outbox_published_idx on outbox (published_at) where published_at is not null;

-- Consumers see events at least once; this is how each sees an event's effect only once.
create table processed_events (
  consumer text not null,
  source text not null,
  event_id text not null,
  processed_at timestamptz not null default now(),
  constraint processed_events_pkey primary key (consumer, source, event_id)
);

create index processed_events_processed_at_idx on processed_events (processed_at);
