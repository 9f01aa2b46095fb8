import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('../src/cli/create-user.ts', import.meta.url))
let dataDir: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-cli-'))
})

afterAll(() => rm(dataDir, { recursive: true, force: true }))

async function createUser(...args: string[]) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined }
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { env },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('npm run user:create', () => {
  it('creates the first admin and prints a generated password once', async () => {
    const result = await createUser(
      '--email',
      'boss@example.com',
      '--name',
      'The Boss',
      '--role',
      'admin',
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Created admin boss@example.com \(/)
    expect(result.stdout).toMatch(/Password: \S{16}/)
  })

  it('refuses a taken email with a plain message', async () => {
    const result = await createUser(
      '--email',
      'BOSS@example.com',
      '--name',
      'Again',
      '--role',
      'admin',
    )
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe('An account for BOSS@example.com exists already.')
  })

  it('explains its usage when a flag is wrong', async () => {
    const result = await createUser('--email', 'x@example.com', '--name', 'X', '--role', 'pilot')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/--role must be one of admin, dispatcher, driver, customer/)
    expect(result.stderr).toMatch(/Usage: npm run user:create/)
  })

  it('creates a driver with their vehicle', async () => {
    const result = await createUser(
      ...['--email', 'ze@example.com', '--name', 'Zé', '--role', 'driver', '--vehicle', 'bicycle'],
      ...['--password', 'a long enough password'],
    )
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/Password:/)
  })
})
