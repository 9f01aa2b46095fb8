import { Redis } from 'ioredis'
import { startDispatcher } from '../src/dispatcher'
import { createRedisTransport } from '@dropmate/events'
import { trigger } from './trigger'

/**
 * A dispatcher in a process of its own, with every default, so a test can kill it with
 * SIGKILL mid-delivery. Prints "ready" once its group exists.
 */
const redis = new Redis(process.env.REDIS_URL!, { keyPrefix: process.env.REDIS_KEY_PREFIX })
const transport = createRedisTransport({ redis })
const triggers = [trigger(process.env.TRIGGER!, process.env.SUBSCRIBER_URL!)]
for (const { name } of triggers) await transport.ensureGroup(name)
startDispatcher({ transport, triggers, resolveRef: () => '' })
console.log('ready')
