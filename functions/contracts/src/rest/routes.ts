import { z } from 'zod'
import { Id } from '../fields'

/** One stop of a driver's route, in the order to drive it. */
export const RouteStop = z.object({
  shipmentId: Id,
  trackingNumber: z.string(),
  kind: z.enum(['pickup', 'dropoff']).meta({
    description: 'Collect the parcel from its sender, or hand it to its receiver',
  }),
  lat: z.number(),
  lng: z.number(),
  name: z.string().meta({ description: 'The sender at a pickup, the receiver at a drop-off' }),
  address: z.string(),
  legDistanceM: z.number().int().meta({
    description: 'Metres from the previous stop, or from the driver for the first',
  }),
  arrivalAt: z.string().nullable().meta({
    description: 'When the driver should get there; null while their position is unknown',
  }),
  late: z.boolean().meta({ description: 'Whether that is after the promised delivery window' }),
})
export type RouteStop = z.infer<typeof RouteStop>

/**
 * A GeoJSON position, [lng, lat]. Declared as two numbers rather than a tuple: the document
 * generator writes a tuple as OpenAPI 3.0's list of `items`, which 3.1 refuses.
 */
const Position = z.array(z.number()).length(2) as unknown as z.ZodType<[number, number]>

/** `GET /api/drivers/:id/route`: a driver's open stops in the order to drive them. */
export const DriverRoute = z.object({
  driverId: Id,
  /** Where the route starts: the driver's latest position, if fresh. */
  start: z.object({ lat: z.number(), lng: z.number(), recordedAt: z.string() }).nullable(),
  distanceSource: z.enum(['road', 'straight']).meta({
    description:
      'road: distances and line from the routing service; straight: straight lines, as none is configured or it did not answer',
  }),
  totalDistanceM: z.number().int(),
  stops: z.array(RouteStop),
  line: z
    .object({
      type: z.literal('LineString'),
      coordinates: z.array(Position),
    })
    .meta({ description: 'GeoJSON line through the start and the stops, [lng, lat] pairs' }),
  computedAt: z.string(),
})
export type DriverRoute = z.infer<typeof DriverRoute>
