-- A driver nearing the door is news once per shipment, however many pings land inside the
-- radius and however many ingest replicas see them: the index makes the second insert a no-op.
create unique index shipment_events_arrived_nearby_once
  on shipment_events (shipment_id)
  where type = 'arrived_nearby';
