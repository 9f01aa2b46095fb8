export { brokerAccess, type BrokerAccess } from './access'
export {
  decodeEvent,
  encodeBuilt,
  encodeEvent,
  fromJsonFormat,
  isJsonContentType,
  toJsonFormat,
  type JsonFormatEvent,
} from './codec'
export { effectOnce, type Once } from './consume'
export { createFeed } from './create-feed'
export type { Feed, FollowOptions, Follower } from './feed'
export { createMemoryFeed } from './memory-feed'
export { createMemoryTransport } from './memory-transport'
export { eventsIn } from './read-body'
export { eventsFromMessage, eventsFromRequest } from './receive'
export { createRedisFeed } from './redis-feed'
export { createRedisTransport } from './redis-transport'
export type { BrokerTransport, DeadLetter, EncodedEvent, Entry, EventLog } from './transport'
