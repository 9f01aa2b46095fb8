export { startDispatcherProcess } from '../test/dispatcher-process'
export { startSubscriber, type Answer, type Received } from '../test/subscriber'
