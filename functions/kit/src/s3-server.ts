import { freePort } from '@dropmate/db/testing'
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../../../scripts/ops/s3-server.sh', import.meta.url))
const BUCKET = 'dropmate-proofs'

export interface S3Server {
  /** The settings that point DropMate at it. */
  env: Record<string, string>
  stop(): Promise<void>
}

/**
 * Whether tests can run against versitygw: it is built here, or this is CI, where its absence
 * must fail the run rather than skip (CI builds it first). A machine with Node and npm only
 * runs the same tests against the product's own S3 endpoint.
 */
export const s3ServerAvailable = Boolean(process.env.CI) || binaryPath() !== null

function binaryPath(): string | null {
  try {
    return execFileSync('bash', [SCRIPT, 'path'], { encoding: 'utf8', stdio: 'pipe' }).trim()
  } catch {
    return null
  }
}

/**
 * A real S3-compatible server of the test's own (versitygw, built by `bash
 * scripts/ops/s3-server.sh install`) on a free port, with an empty private bucket. Fails,
 * never skips, when the binary is not built: CI builds it before the tests.
 */
export async function startS3Server(): Promise<S3Server> {
  const binary = binaryPath()
  if (!binary) {
    throw new Error('versitygw is not built: run `bash scripts/ops/s3-server.sh install` first')
  }
  const dir = await mkdtemp(join(tmpdir(), 'dropmate-s3-'))
  await mkdir(join(dir, 'data', BUCKET), { recursive: true })
  await mkdir(join(dir, 'meta'), { recursive: true })
  const port = await freePort()
  const env = {
    OBJECT_STORAGE_URL: `http://127.0.0.1:${port}`,
    OBJECT_STORAGE_BUCKET: BUCKET,
    OBJECT_STORAGE_ACCESS_KEY_ID: 'test-access',
    OBJECT_STORAGE_SECRET_ACCESS_KEY: 'test-secret-key',
  }
  const args = ['--access', env.OBJECT_STORAGE_ACCESS_KEY_ID]
  args.push('--secret', env.OBJECT_STORAGE_SECRET_ACCESS_KEY, '--port', `127.0.0.1:${port}`)
  args.push('--quiet', 'posix', '--sidecar', join(dir, 'meta'), join(dir, 'data'))
  const server = spawn(binary, args, { stdio: 'ignore' })
  const deadline = Date.now() + 20_000
  while (!(await answers(env.OBJECT_STORAGE_URL))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL')
      throw new Error(`versitygw on port ${port} did not start`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    env,
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM')
        await once(server, 'exit')
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function answers(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) })
    return true
  } catch {
    return false
  }
}
