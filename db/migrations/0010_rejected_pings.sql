-- Pings the history refused for their data (a NUL byte in an id, a driver deleted meanwhile)
-- are set aside here with PostgreSQL's reason, so they neither block the pings behind them
-- nor vanish. The ping is JSON in text, not jsonb: jsonb refuses the \u0000 that text can
-- keep escaped, and such a ping is what lands here.
create table rejected_pings (
  id bigint generated always as identity primary key,
  ping text not null,
  sqlstate text not null,
  reason text not null,
  rejected_at timestamptz not null default now()
);

create index rejected_pings_rejected_at_idx on rejected_pings (rejected_at);
