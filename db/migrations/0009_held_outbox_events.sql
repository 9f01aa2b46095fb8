-- The embedded broker keeps its log in memory: an event handed to it stays unpublished in the
-- outbox, marked held, until every Trigger has acknowledged it, so a kill -9 loses nothing
-- (the relay hands held events over again when the process starts).
alter table outbox
  add column held_at timestamptz;
