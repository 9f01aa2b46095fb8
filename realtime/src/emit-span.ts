import { tracing } from '@dropmate/runtime'

/**
 * A PRODUCER span for one business event emitted to rooms, in the trace of the delivery that
 * brought it: which event, the kinds of room (`fleet`, `driver`, `shipment`; never their ids)
 * and how many. Position frames get none: thousands a second would drown every trace.
 *
 * @example
 * emitSpan('shipment_updated', [FLEET, shipmentRoom(id)])
 */
export function emitSpan(event: string, rooms: readonly string[]): void {
  const exporting = tracing()
  if (!exporting) return
  const kinds = [...new Set(rooms.map((room) => room.split(':')[0]!))].sort()
  exporting
    .childSpan({
      name: `emit ${event}`,
      kind: 'producer',
      attributes: {
        'messaging.system': 'socket.io',
        'messaging.operation.type': 'send',
        'messaging.destination.name': event,
        'dropmate.socket.room_kinds': kinds.join(','),
        'dropmate.socket.rooms': rooms.length,
      },
    })
    ?.end()
}
