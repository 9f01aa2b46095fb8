-- Where a signed-in person's installed app takes web pushes (drivers: a new delivery). A
-- browser's push subscription is one endpoint at its push service with the keys to encrypt
-- for it; the browser may move it, so the endpoint is the key, and a push service answering
-- 404 or 410 for it means it is gone for good.
create table push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  endpoint text not null,
  p256dh text not null,
  auth text not null,
  created_at timestamptz not null default now(),
  constraint push_subscriptions_endpoint_key unique (endpoint)
);

create index push_subscriptions_user_idx on push_subscriptions (user_id);
