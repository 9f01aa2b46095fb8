import { SHIPMENT_STATUSES } from '@dropmate/core/status-machine'
import { z } from 'zod'
import { DeliveryWindow } from './shipments'

/** The public, redacted view of a parcel (`GET /api/shipments/track/:trackingNumber`). */
export const TrackingView = z.object({
  trackingNumber: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  // `arriving` is no status of the machine: the driver came within reach of the door.
  timeline: z.array(
    z.object({ status: z.enum([...SHIPMENT_STATUSES, 'arriving']).nullable(), at: z.string() }),
  ),
  eta: z
    .object({ earliest: z.string(), latest: z.string(), distanceM: z.number() })
    .nullable()
    .meta({ description: 'Arrival window, while the driver is on the way' }),
  destination: z.object({ area: z.string().nullable(), lat: z.number(), lng: z.number() }),
  driver: z.object({ firstName: z.string() }).nullable(),
  deliveryWindow: DeliveryWindow.nullable().meta({
    description: 'The delivery slot promised to the receiver',
  }),
  driverPosition: z
    .object({ lat: z.number(), lng: z.number(), recordedAt: z.string() })
    .nullable()
    .meta({ description: 'Only while the shipment is in transit' }),
  deliveredAt: z.string().nullable(),
})
export type TrackingView = z.infer<typeof TrackingView>
