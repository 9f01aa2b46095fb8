-- The receiver of a parcel may stop its emails (the link in every email); null means they
-- are wanted. Per shipment, because receivers have no account to keep a preference in.
alter table shipments
  add column notifications_opted_out_at timestamptz;
