export { backoffDelay, RETRY_AFTER_MAX_MS, retryAfterMs } from './backoff'
export { parseDuration } from './duration'
export { loadTriggers, parseTriggers, TriggerConfigError } from './load-triggers'
export { matches } from './matches'
export {
  clusterResolver,
  localResolver,
  resolveDestination,
  type RefResolver,
} from './resolve-subscriber'
export {
  DEFAULT_DELIVERY,
  type BackoffPolicy,
  type Delivery,
  type Destination,
  type KReference,
  type Trigger,
} from './trigger'
