import type { AppSocketData } from '@dropmate/contracts/sockets'

/**
 * Room names. On `/` a signed-in socket sits in its home room (who it is) and in the room of
 * each shipment it subscribed to; on `/track` a socket sits in the rooms of the shipments it
 * tracks. Rooms are per namespace, so `/track`'s shipment rooms never mix with `/`'s.
 */
export const FLEET = 'fleet'
export const customerRoom = (userId: string) => `customer:${userId}`
export const driverRoom = (driverId: string) => `driver:${driverId}`
export const shipmentRoom = (shipmentId: string) => `shipment:${shipmentId}`

/** The shipment a room is for; undefined for other rooms. */
export function shipmentOf(room: string): string | undefined {
  return room.startsWith('shipment:') ? room.slice('shipment:'.length) : undefined
}

/** Staff see the fleet, a customer their own shipments, a driver their own assignments. */
export function homeRooms(user: AppSocketData): string[] {
  switch (user.role) {
    case 'admin':
    case 'dispatcher':
      return [FLEET]
    case 'customer':
      return [customerRoom(user.userId)]
    case 'driver':
      return user.driverId ? [driverRoom(user.driverId)] : []
  }
}

export function isHomeRoom(room: string): boolean {
  return room === FLEET || room.startsWith('customer:') || room.startsWith('driver:')
}

/** The rooms whose members may see a shipment of this customer and driver. */
export function viewerRooms(shipment: { customerId: string | null; driverId: string | null }) {
  return [
    FLEET,
    ...(shipment.customerId ? [customerRoom(shipment.customerId)] : []),
    ...(shipment.driverId ? [driverRoom(shipment.driverId)] : []),
  ]
}
