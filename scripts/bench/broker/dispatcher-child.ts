import { createRedisTransport } from '@dropmate/events'
import { parseTriggers } from '@dropmate/broker/triggers'
import { startDispatcher } from '@dropmate/broker'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { brokerRedis } from './redis-client'
import { triggerYaml } from './trigger'

/**
 * The real dispatcher with the bench's one Trigger, in a process of its own as the
 * dispatcher Deployment runs it (functions/server/src/dispatcher-main.ts), so the load
 * generator in the bench process does not share its event loop.
 */
const env = (name: string) => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} must be set`)
  return value
}

const redis = brokerRedis(env('REDIS_URL'), env('REDIS_KEY_PREFIX'))
const transport = createRedisTransport({ redis })
const triggers = parseTriggers(triggerYaml(env('SUBSCRIBER_URL')), 'bench-trigger.yaml')
// Created before /ready answers: the group starts at the log's end, so events sent after
// the bench saw /ready all reach it.
for (const trigger of triggers) await transport.ensureGroup(trigger.name)
const dispatcher = startDispatcher({
  transport,
  triggers,
  resolveRef: () => {
    throw new Error('the bench Trigger names its subscriber by uri')
  },
  concurrency: Number(env('DISPATCH_CONCURRENCY')),
})

const app = new Hono()
  .get('/ready', (c) => c.text('ready'))
  .get('/stats', (c) => c.json(dispatcher.stats()))
serve({ fetch: app.fetch, port: Number(env('PORT')), hostname: '127.0.0.1' })

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await dispatcher.stop()
    await transport.close()
    redis.disconnect()
    process.exit(0)
  })
}
