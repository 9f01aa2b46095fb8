-- Refresh tokens for local auth, and the memory behind Idempotency-Key.

create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  -- sha256 of the token: a leaked table does not hand out sessions
  token_hash text not null,
  -- every token issued from one login shares a family, so reuse of a rotated token
  -- (a sign of theft) revokes the whole family
  family_id uuid not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  constraint refresh_tokens_token_hash_key unique (token_hash)
);

create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

create table idempotency_keys (
  user_id uuid not null references users (id) on delete cascade,
  key text not null,
  -- which request the key was first used for; the same key on another request is an error
  request_hash text not null,
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  constraint idempotency_keys_pkey primary key (user_id, key),
  constraint idempotency_keys_key_check check (length(key) between 1 and 255)
);

create index idempotency_keys_created_idx on idempotency_keys (created_at);
