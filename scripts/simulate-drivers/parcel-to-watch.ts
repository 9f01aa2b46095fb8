import type { VehicleType } from '@dropmate/core'
import type { ParcelOnItsWay } from '../lib/links'
import type { Session } from './session'

interface Rider {
  session: Session
  name: string
  vehicleType: VehicleType
}

/**
 * A parcel in transit with one of these drivers, the first driver's first: its tracking page
 * shows the driver moving as the simulation drives them. Undefined when none has one, or the
 * lists cannot be read (the links are a convenience; the run goes on without them).
 */
export async function findParcelToWatch(riders: Rider[]): Promise<ParcelOnItsWay | undefined> {
  for (const { session, name, vehicleType } of riders) {
    const reply = await session
      .call({ method: 'GET', path: '/api/shipments?status=in_transit&limit=1' })
      .catch(() => undefined)
    if (reply?.status !== 200) continue
    const [parcel] = (reply.body as { items: Array<{ trackingNumber: string }> }).items
    if (parcel) return { trackingNumber: parcel.trackingNumber, driverName: name, vehicleType }
  }
  return undefined
}
