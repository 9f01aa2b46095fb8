export const BENCH_TRIGGER = 'bench-status-changed'

/**
 * The bench's Trigger as a cluster would have it applied: a filter on the type, so every
 * event goes through matching, and the default delivery (retries, backoff) of a stock Broker.
 */
export function triggerYaml(subscriberUrl: string): string {
  return `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: ${BENCH_TRIGGER}
spec:
  broker: default
  filter:
    attributes:
      type: com.dropmate.shipment.status_changed.v1
  subscriber:
    uri: ${subscriberUrl}/events
`
}
