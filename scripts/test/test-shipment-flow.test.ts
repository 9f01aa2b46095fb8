import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { finish, runScript, startSeededServer, type SeededServer } from './server'

const FLOW = 'scripts/test-shipment-flow/main.ts'

const flow = (args: string[]) =>
  finish(runScript(server.dataDir, FLOW, ['--base-url', server.url, ...args]))

let server: SeededServer

beforeAll(async () => {
  server = await startSeededServer('flow')
})

afterAll(async () => {
  await server?.close()
})

describe('npm run test:flow', () => {
  it('walks a new shipment to delivered on a seeded server and exits 0 with a summary', async () => {
    const { code, stdout, stderr } = await flow([])

    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Public tracking view of DM\w+ \(no sign-in\):$/m)
    expect(stdout).toMatch(/created +· → pending +by dispatcher/)
    expect(stdout.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^PASS shipment flow on ${server.url}: DM\\w+ \\(flow-\\w+\\) delivered by`),
    )
  })

  it('exits 1 naming the login step when the password is wrong', async () => {
    const { code, stdout, stderr } = await flow(['--password', 'not-the-password'])

    expect(code).toBe(1)
    expect(stdout).not.toMatch(/PASS/)
    expect(stderr).toMatch(
      'FAIL shipment flow, step "log in as dispatcher": POST /api/auth/login answered 401 ' +
        '(expected 200): invalid_credentials',
    )
  })
})
