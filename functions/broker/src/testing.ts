export { startSubscriber, type Answer, type Received } from '../test/subscriber'
