import type { ShipmentParties } from './status-machine'

/**
 * Whether an assigned shipment may go to `driverId` instead: only while assigned, before
 * pickup, since after that the parcel is in someone's hands. Giving it to the driver who
 * has it changes nothing.
 *
 * @example
 * checkHandOver({ status: 'assigned', driverId: 'ana' }, 'bruno') // 'hand_over'
 */
export function checkHandOver(
  shipment: Pick<ShipmentParties, 'status' | 'driverId'>,
  driverId: string,
): 'hand_over' | 'unchanged' | 'not_reassignable' {
  if (shipment.status !== 'assigned') return 'not_reassignable'
  return shipment.driverId === driverId ? 'unchanged' : 'hand_over'
}
