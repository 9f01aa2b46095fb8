-- An effect outside the database (an email) cannot commit together with its processed_events
-- row. Such a consumer claims the event first, for a while (claimed_until), does the effect,
-- then marks it done: another delivery meanwhile finds it in flight, and one whose claimant
-- died takes it over once the claim has run out. Rows from before recorded finished work.
alter table processed_events
  add column claimed_until timestamptz,
  add column done_at timestamptz;

update processed_events
set done_at = processed_at;
