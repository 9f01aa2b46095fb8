import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const LOGGER = fileURLToPath(new URL('../src/logger.ts', import.meta.url))

/** A Node process that imports the logger and runs `body` with `logger` and `line` in scope. */
function script(body: string): string[] {
  const source =
    `const { logger, writeRequestLine } = await import(${JSON.stringify(LOGGER)});` +
    `const line = (route) => writeRequestLine('info', { method: 'GET', route, status: 200, ms: 1 });` +
    body
  return ['--import', 'tsx', '--input-type=module', '-e', source]
}

// The tests' own LOG_LEVEL is silent.
const AT_INFO = { env: { ...process.env, LOG_LEVEL: 'info' } }

const linesOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((text) => JSON.parse(text) as { msg: string; route?: string })

describe('log lines', () => {
  it('go out in the order written, request lines and others, when the process exits at once', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      script(`line('/a'); logger.warn('between'); line('/b'); line('/c'); process.exit(3)`),
      AT_INFO,
    ).catch((exited: { stdout: string }) => exited)
    expect(linesOf(stdout).map((line) => line.route ?? line.msg)).toEqual([
      '/a',
      'between',
      '/b',
      '/c',
    ])
  })

  it('leave a process that goes quiet soon after, not with its next line', async () => {
    const child = spawn(
      process.execPath,
      script(`line('/quiet'); setInterval(() => {}, 1000)`),
      AT_INFO,
    )
    try {
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
      await expect.poll(() => stdout, { timeout: 10_000 }).toContain('"route":"/quiet"')
    } finally {
      child.kill()
      await once(child, 'exit')
    }
  })
})
