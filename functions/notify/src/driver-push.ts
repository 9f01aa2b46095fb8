import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { ShipmentAssignedData } from '@dropmate/contracts/shipment-events'
import { effectOnce, type Once } from '@dropmate/events'
import {
  findNotificationTarget,
  forgetPushSubscription,
  pushSubscriptionsOfDriver,
  type Sql,
} from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { PushSender } from './push-sender'

// Past the sender's own timeout, and before the Trigger's retries come back.
const SEND_LEASE_MS = 60_000

/**
 * Tells the driver a delivery was assigned to them, on every installed app of theirs that
 * takes pushes: once per event and app (each app is its own consumer, so one push service
 * failing never pushes twice to the others). A subscription its push service says is gone
 * is forgotten. Throws `PushNotSent` when a push service could not take it, for a retry.
 */
export async function pushToDriver(
  { sql, sender }: { sql: Sql; sender: PushSender },
  event: CloudEvent<unknown>,
): Promise<Once[]> {
  if (event.type !== EVENT_TYPES.shipmentAssigned) return []
  const assigned = ShipmentAssignedData.safeParse(event.data)
  if (!assigned.success || !assigned.data.driverId) return []
  const { driverId, shipmentId, trackingNumber } = assigned.data
  const subscriptions = await pushSubscriptionsOfDriver(sql, driverId)
  if (subscriptions.length === 0) return []
  const target = await findNotificationTarget(sql, shipmentId)
  const message = {
    title: 'New delivery',
    body: target
      ? `Parcel ${trackingNumber} for ${target.receiverName}`
      : `Parcel ${trackingNumber}`,
    url: '/driver',
    tag: shipmentId,
  }
  const outcomes: Once[] = []
  for (const subscription of subscriptions) {
    const consumer = `notify-push:${subscription.id}`
    outcomes.push(
      await effectOnce(sql, consumer, event, SEND_LEASE_MS, async () => {
        if ((await sender.send(subscription, message)) === 'gone') {
          await forgetPushSubscription(sql, subscription.id)
        }
      }),
    )
  }
  logger.info({ event: event.id, driver: driverId, apps: subscriptions.length }, 'driver pushed')
  return outcomes
}
