import { postgresServerInstalled, startPrivatePostgres } from '@dropmate/db/testing'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { start, stop } from './process'

describe.runIf(postgresServerInstalled)('the log of a request that failed', () => {
  it('names its route, not the tracking number in its path', async () => {
    const postgres = await startPrivatePostgres()
    const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-error-log-'))
    try {
      const server = await start({ DATABASE_URL: postgres.url, DATA_DIR: dataDir })
      try {
        await postgres.stopImmediately()
        const tracking = 'DMV70692SWY8DB'
        const lookup = await fetch(`${server.url}/api/shipments/track/${tracking}`)
        expect(lookup.status).toBe(503)
        const failed = () => server.logs.filter((log) => log.msg === 'database unavailable')
        await expect.poll(() => failed().length, { timeout: 30_000 }).toBeGreaterThan(0)
        expect(failed()[0]).toMatchObject({ route: '/api/shipments/track/:trackingNumber' })
        expect(JSON.stringify(server.logs)).not.toContain(tracking)
      } finally {
        await stop(server)
      }
    } finally {
      await postgres.cleanup()
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
