import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('./dispatcher-child.ts', import.meta.url))

/**
 * A dispatcher with every default in a process of its own, on the Redis under `keyPrefix`,
 * delivering one Trigger to `subscriberUrl`: a test can kill it mid-delivery. Resolves once
 * its consumer group exists.
 */
export async function startDispatcherProcess(options: {
  redisUrl: string
  keyPrefix: string
  trigger: string
  subscriberUrl: string
}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: options.keyPrefix,
      TRIGGER: options.trigger,
      SUBSCRIBER_URL: options.subscriberUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const lines = createInterface({ input: child.stdout })
  const ready = new Promise<void>((resolve) => lines.on('line', (l) => l === 'ready' && resolve()))
  await Promise.race([ready, exited.then(() => Promise.reject(new Error('dispatcher exited')))])
  return {
    /** SIGKILL: no shutdown, no acknowledgement of what it was delivering. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
