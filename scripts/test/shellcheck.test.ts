import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCRIPTS = readdirSync(`${ROOT}scripts`, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.sh') && !file.includes('node_modules'))
  .map((file) => `scripts/${file}`)
  .sort()

const shellcheck = spawnSync('shellcheck', ['--version']).status === 0

describe('the shell scripts under scripts/', () => {
  it.skipIf(!shellcheck)('pass shellcheck (CI installs Debian’s shellcheck)', () => {
    const result = spawnSync('shellcheck', SCRIPTS, { cwd: ROOT, encoding: 'utf8' })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('stop at the first failing command and unset variable (set -euo pipefail)', () => {
    for (const script of SCRIPTS.filter((file) => !file.endsWith('/lib.sh'))) {
      const text = execFileSync('cat', [script], { cwd: ROOT, encoding: 'utf8' })
      expect(text, script).toMatch(/^set -euo pipefail$/m)
    }
  })

  it('in scripts/knative explain themselves with --help, touching no cluster', () => {
    for (const script of SCRIPTS.filter((file) => file.startsWith('scripts/knative/'))) {
      if (script.endsWith('/lib.sh')) continue
      const result = spawnSync('bash', [script, '--help'], { cwd: ROOT, encoding: 'utf8' })
      expect(result.status, script).toBe(0)
      expect(result.stdout, script).toMatch(/^Usage: /)
    }
  })
})
