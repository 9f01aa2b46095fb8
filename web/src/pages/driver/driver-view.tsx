import { useSignalEffect } from '@preact/signals'
import { useEffect, useState } from 'preact/hooks'
import { createDriverWork } from '../../models/driver-work'
import { createLocationSharing } from '../../models/location-sharing'
import { createPushNotifications } from '../../models/push-notifications'
import { Topbar } from '../../ui/topbar'
import { DeliveryList } from './delivery-list'
import { DutyCard } from './duty-card'
import { PushToggle } from './push-toggle'
import { ScanLabel } from './scan-label'

const ROUTE_FRESH_MS = 60_000

/** One signed-in driver's screen: the work and location sharing live as long as it does. */
export function DriverView({ driverId }: { driverId: string }) {
  const [work] = useState(() => createDriverWork(driverId))
  const [location] = useState(() => createLocationSharing(driverId))
  const [push] = useState(createPushNotifications)
  // Arrival times start from where the phone last was: a new position renews a route that
  // has aged, not every ping.
  useSignalEffect(() => {
    if (location.lastSentAt.value) work.route.refreshIfOlderThan(ROUTE_FRESH_MS)
  })
  useEffect(
    () => () => {
      work.dispose()
      location.dispose()
    },
    [],
  )
  return (
    <div class="driver-page">
      <Topbar link={work.link} />
      <main class="driver-main">
        <DutyCard work={work} location={location}>
          <PushToggle push={push} />
        </DutyCard>
        <ScanLabel work={work} />
        <section aria-labelledby="deliveries-title">
          <h1 id="deliveries-title">My deliveries</h1>
          <DeliveryList work={work} location={location} />
        </section>
      </main>
    </div>
  )
}
