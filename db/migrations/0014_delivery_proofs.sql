-- Issue 19: proof of delivery. The files (photos, a signature) sit in object storage under
-- keys that name the shipment; a row here says which belong to which delivered or failed
-- attempt, written in the transaction of that status change, and goes with its files once
-- PROOF_RETENTION_DAYS have passed.

create table delivery_proofs (
  id bigint generated always as identity primary key,
  shipment_id uuid not null references shipments (id) on delete cascade,
  outcome text not null check (outcome in ('delivered', 'failed')),
  photo_keys text[] not null default '{}',
  signature_key text,
  -- personal data: shown to staff only, never in events, logs or the public tracking view
  recipient_name text,
  left_at_door boolean not null default false,
  recorded_by uuid references users (id) on delete set null,
  recorded_at timestamptz not null default now(),
  constraint delivery_proofs_something_check check (
    cardinality(photo_keys) > 0 or signature_key is not null or recipient_name is not null
  ),
  constraint delivery_proofs_left_at_door_check check (
    not left_at_door or cardinality(photo_keys) > 0
  )
);

create index delivery_proofs_shipment_idx on delivery_proofs (shipment_id, recorded_at desc);
create index delivery_proofs_recorded_at_idx on delivery_proofs (recorded_at);
