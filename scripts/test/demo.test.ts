import { freePort } from '@dropmate/db/testing'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'

// `npm run demo` is the README's first look: on a machine with nothing configured it must
// seed, serve and drive the demo shop, print a tracking link whose parcel moves, and stop
// everything on Ctrl-C.
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'dropmate-demo-'))

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

it('seeds, serves and drives the demo shop from one command, and Ctrl-C stops it all', async () => {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  // Its own process group, as a terminal runs it, so the test can press Ctrl-C.
  const demo = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dataDir, PORT: `${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const exited = once(demo, 'exit')
  const lines: string[] = []
  createInterface({ input: demo.stdout! }).on('line', (line) => lines.push(line))
  try {
    const link = await printed(lines, /a parcel on its way: (\S+)/, 240_000)
    expect(link).toMatch(new RegExp(`^http://localhost:${port}/track/`))
    const trackingNumber = decodeURIComponent(link.split('/track/')[1]!)
    expect(lines.some((line) => line.includes(`dashboard: http://localhost:${port}/`))).toBe(true)

    const page = await fetch(`${base}/track/${encodeURIComponent(trackingNumber)}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const first = await positionOf(base, trackingNumber)
    let moved = false
    for (let tries = 0; tries < 60 && !moved; tries++) {
      await sleep(1_000)
      const now = await positionOf(base, trackingNumber)
      moved = now !== undefined && now !== first
    }
    expect(moved, 'the parcel on its way moved').toBe(true)
  } finally {
    process.kill(-demo.pid!, 'SIGINT')
    await exited
  }
  await expect(fetch(`${base}/health`)).rejects.toThrow()
}, 360_000)

/** Where the public tracking view puts the parcel's driver, as text; undefined before any. */
async function positionOf(base: string, trackingNumber: string) {
  const reply = await fetch(`${base}/api/shipments/track/${encodeURIComponent(trackingNumber)}`)
  expect(reply.status).toBe(200)
  const view = (await reply.json()) as {
    status: string
    driverPosition?: { lat: number; lng: number } | null
  }
  expect(view.status).toBe('in_transit')
  return view.driverPosition ? `${view.driverPosition.lat},${view.driverPosition.lng}` : undefined
}

async function printed(lines: string[], pattern: RegExp, withinMs: number): Promise<string> {
  const deadline = Date.now() + withinMs
  while (Date.now() < deadline) {
    for (const line of lines) {
      const match = pattern.exec(line)
      if (match) return match[1]!
    }
    await sleep(200)
  }
  throw new Error(`never printed ${pattern}; printed:\n${lines.join('\n')}`)
}
