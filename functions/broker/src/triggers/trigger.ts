/**
 * One Knative `Trigger` (eventing.knative.dev/v1) as the broker routes by it: the manifest that
 * is applied to the cluster, validated and with its defaults filled in.
 */
export interface Trigger {
  /** `metadata.name`; unique across the routing table, it names the consumer group. */
  name: string
  namespace?: string
  /** `spec.broker`. */
  broker: string
  /** `spec.filter.attributes`: exact match on attributes and extensions; `{}` matches all. */
  filter: Record<string, string>
  subscriber: Destination
  delivery: Delivery
}

/** A Knative `KReference`: an addressable object by kind and name. */
export interface KReference {
  apiVersion: string
  kind: string
  name: string
  namespace?: string
}

/** A Knative `Destination`: a ref, an absolute uri, or a ref plus a uri relative to it. */
export interface Destination {
  ref?: KReference
  uri?: string
}

export type BackoffPolicy = 'linear' | 'exponential'

export interface Delivery {
  /** Retries after the first attempt: an event is tried `retry + 1` times at most. */
  retry: number
  backoffPolicy: BackoffPolicy
  /** The delay before the first retry; see backoffDelay() for the later ones. */
  backoffDelayMs: number
  /** Timeout of each single attempt (`spec.delivery.timeout`). */
  timeoutMs?: number
  deadLetterSink?: Destination
}

/**
 * What a Trigger without `spec.delivery` gets. Knative's API leaves these unset, which on its
 * own means no retries at all; the Broker's delivery fills them in, and since knative/eventing
 * #6011 a stock Broker ships with exactly these values ("prevents events loss for normal
 * networking errors or during upgrades"). Ten exponential retries from 200 ms wait
 * 0.2 × (2^10 − 1) ≈ 205 s in all: long enough to ride out a pod restart, a rollout or a
 * 10 s cold start, where 3 retries (1.4 s) would dead-letter events on every redeploy.
 * Receivers deduplicate on source + id, so extra attempts are safe.
 */
export const DEFAULT_DELIVERY = {
  retry: 10,
  backoffPolicy: 'exponential',
  backoffDelayMs: 200,
} as const satisfies Pick<Delivery, 'retry' | 'backoffPolicy' | 'backoffDelayMs'>
