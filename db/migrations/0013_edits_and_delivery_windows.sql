-- Issue 18: shipments are edited before pickup, carry the delivery slot promised to the
-- receiver, and are marked once when their arrival window runs past that slot.

alter table shipments
  add column notes text,
  add column delivery_window_from timestamptz,
  add column delivery_window_to timestamptz,
  -- set once, by the ping that first put the arrival window past the slot's end
  add column at_risk_at timestamptz,
  add constraint shipments_delivery_window_check check (
    (delivery_window_from is null) = (delivery_window_to is null)
    and (delivery_window_from is null or delivery_window_to > delivery_window_from)
  );

alter table shipment_events
  drop constraint shipment_events_type_check,
  add constraint shipment_events_type_check check (
    type in ('created', 'assigned', 'unassigned', 'status_changed', 'note', 'arrived_nearby', 'edited', 'at_risk')
  );
