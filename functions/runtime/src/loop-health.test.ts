import { describe, expect, it } from 'vitest'
import { loopHealth } from './loop-health'

describe('loopHealth', () => {
  it('passes for a loop that has not failed, quiet or not', async () => {
    await expect(loopHealth().check()).resolves.toBeUndefined()
  })

  it('says why and since when a loop is stalled, until it works again', async () => {
    const health = loopHealth()
    health.failed(new Error('Connection is closed.'))
    health.failed(new Error('Reached the max retries per request limit'))
    await expect(health.check()).rejects.toThrow(
      /^stalled since \d{4}-\d\d-\d\dT[\d:.]+Z: Reached the max retries per request limit$/,
    )
    health.ok()
    await expect(health.check()).resolves.toBeUndefined()
  })
})
