import type { SignedIn, TestApi } from '@dropmate/kit/testing'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'

/**
 * The driver's phone reports where it is, now, as a structured-mode CloudEvent to
 * `POST /api/locations`; throws unless ingest takes it.
 */
export async function reportPosition(
  api: TestApi,
  driver: SignedIn,
  data: { lat: number; lng: number; speedMps?: number },
): Promise<void> {
  const reply = await api.request('POST', '/api/locations', {
    token: driver.token,
    headers: { 'content-type': 'application/cloudevents+json' },
    body: {
      specversion: '1.0',
      type: EVENT_TYPES.driverLocation,
      source: '/test/phone',
      id: crypto.randomUUID(),
      subject: driver.driverId,
      time: new Date().toISOString(),
      data,
    },
  })
  if (reply.status !== 202) throw new Error(`ping refused: ${JSON.stringify(reply.body)}`)
}

/**
 * Waits until ingest knows the driver carries exactly these parcels in transit: it learns
 * from shipment events on the broker's log, so the outbox relay must be running.
 */
export async function untilCarrying(
  api: TestApi,
  driver: SignedIn,
  shipmentIds: string[],
  timeoutMs = 10_000,
): Promise<void> {
  const { deliveries } = api.deps.locations
  const wanted = JSON.stringify(shipmentIds.toSorted())
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const carried = (await deliveries.inTransit(driver.driverId!)).map((each) => each.shipmentId)
    if (JSON.stringify(carried.toSorted()) === wanted) return
    if (Date.now() > deadline) throw new Error(`ingest knows of ${carried}, not ${wanted}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
