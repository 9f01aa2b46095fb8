-- Proof files a driver was given upload links for, until a status change attaches them. The
-- phone asks for fresh links each time it sends a delivery, so every try that did not go
-- through (a dropped connection, a server that could not take it) leaves files nobody points
-- to; the upkeep finds them here a day later and deletes them, instead of object storage
-- keeping them for ever. Files issued before this table existed are not tracked.

create table proof_uploads (
  key text primary key,
  shipment_id uuid not null,
  issued_at timestamptz not null default now()
);

create index proof_uploads_issued_at_idx on proof_uploads (issued_at);
