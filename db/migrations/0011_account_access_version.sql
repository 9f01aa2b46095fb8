-- Who a request comes from is read from its token, not from this table (issue 17). What an
-- account may do changes rarely: each change (role, disabled, driver record) counts up the
-- account's access version, tokens carry the version they were minted under, and every
-- process refuses a token older than the version it was told of. access_changed_at lets a
-- process that starts learn the changes made within a token's lifetime while it was away.
alter table users
  add column access_version integer not null default 0,
  add column access_changed_at timestamptz;

create index users_access_changed_at_idx on users (access_changed_at)
  where access_changed_at is not null;
