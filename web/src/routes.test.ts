import { isWebAppPath, WEB_APP_PATHS } from '@dropmate/contracts/web-app-paths'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ROUTES } from './routes'

// Addresses of every kind the web app's paths admit: each exact path, and each prefix alone
// and with a segment after it.
const ADDRESSES = [
  ...WEB_APP_PATHS.exact,
  ...WEB_APP_PATHS.prefixes.flatMap((prefix) => [prefix, `${prefix}/DM-7Q4K2`]),
]

describe('the pages of the web app', () => {
  it('each answer at an address a cluster routes to the web app', () => {
    for (const route of ROUTES) {
      expect(
        ADDRESSES.some((address) => route.pattern.test(address)),
        `${route.pattern}`,
      ).toBe(true)
    }
  })

  it('answer at no address outside those paths', () => {
    const outside = ['/api/shipments', '/socket.io/', '/health', '/trackers', '/drivers/1']
    for (const address of outside) {
      expect(isWebAppPath(address), address).toBe(false)
      expect(ROUTES.filter((route) => route.pattern.test(address)).length, address).toBe(0)
    }
  })
})

describe('the files of web/public', () => {
  it('are each at a path a cluster routes to the web app', () => {
    const dir = fileURLToPath(new URL('../public', import.meta.url))
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath.slice(dir.length)}/${entry.name}`)
    expect(files).toContain('/sw.js')
    for (const file of files) expect(isWebAppPath(file), file).toBe(true)
  })
})
