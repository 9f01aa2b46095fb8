import { describe, expect, it } from 'vitest'
import { createCleanups } from './cleanups'

describe('createCleanups', () => {
  it('runs steps in reverse order, once, and goes on past a failing step', async () => {
    const done: string[] = []
    const failed: string[] = []
    const cleanups = createCleanups((name) => failed.push(name))
    cleanups.defer('database', () => void done.push('database'))
    cleanups.defer('server', () => {
      throw new Error('already gone')
    })
    cleanups.defer('load', async () => void done.push('load'))

    await Promise.all([cleanups.run(), cleanups.run()])
    await cleanups.run()

    expect(done).toEqual(['load', 'database'])
    expect(failed).toEqual(['server'])
  })
})
